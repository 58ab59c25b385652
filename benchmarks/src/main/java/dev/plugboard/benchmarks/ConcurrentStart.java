package dev.plugboard.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plugboard.core.testing.TcpProxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Context start time with N PostgreSQL instances, each behind a proxy that adds 300 ms to every
 * connection. A sequential start would cost about N × 300 ms; a concurrent one about 300 ms.
 */
final class ConcurrentStart {

	static final long DELAY_MS = 300;

	private ConcurrentStart() {
	}

	static Map<Integer, Stats> run(int[] sizes, int runs, String pgHost, int pgPort) throws Exception {
		Map<Integer, Stats> results = new LinkedHashMap<>();
		for (int size : sizes) {
			List<Double> samples = new ArrayList<>();
			startOnce(size, pgHost, pgPort); // warm-up, not counted
			for (int run = 0; run < runs; run++) {
				samples.add(startOnce(size, pgHost, pgPort));
			}
			results.put(size, new Stats(samples));
		}
		return results;
	}

	private static double startOnce(int size, String pgHost, int pgPort) throws Exception {
		List<TcpProxy> proxies = new ArrayList<>();
		List<String> properties = new ArrayList<>(List.of("--logging.level.root=WARN"));
		try {
			for (int i = 0; i < size; i++) {
				TcpProxy proxy = new TcpProxy(pgHost, pgPort);
				proxy.connectDelay(DELAY_MS);
				proxies.add(proxy);
				properties.add("--plugboard.postgres.db" + i + ".url=postgres://postgres@127.0.0.1:" + proxy.port() + "/test");
				properties.add("--plugboard.postgres.db" + i + ".hikari.minimum-idle=1");
				properties.add("--plugboard.postgres.db" + i + ".flyway.enabled=false");
			}
			SpringApplication application = new SpringApplication(App.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setLogStartupInfo(false);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
			long start = System.nanoTime();
			try (ConfigurableApplicationContext context = application.run(properties.toArray(String[]::new))) {
				return (System.nanoTime() - start) / 1_000_000.0;
			}
		}
		finally {
			proxies.forEach(TcpProxy::close);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
