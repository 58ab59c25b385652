package dev.plugboard.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import dev.plugboard.rabbitmq.RabbitInstance;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the application while a slow consumer (20 ms a message, prefetch 10) works through a
 * queue, and counts: every message must have been processed once or still be in the queue.
 */
final class Shutdown {

	private static final String QUEUE = "plugboard.bench.shutdown";

	private Shutdown() {
	}

	record Result(Stats closeMillis, Stats processed, int messages, long lost) {
	}

	static Result run(int runs, int messages) throws Exception {
		List<Double> closeMillis = new ArrayList<>();
		List<Double> processedCounts = new ArrayList<>();
		long lost = 0;
		for (int run = 0; run < runs; run++) {
			fill(messages);
			List<String> processed = Collections.synchronizedList(new ArrayList<>());
			SpringApplication application = new SpringApplication(App.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setBannerMode(Banner.Mode.OFF);
			application.setLogStartupInfo(false);
			ConfigurableApplicationContext context = application.run("--logging.level.root=WARN",
					"--plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:5672/",
					"--plugboard.rabbitmq.events.listener.simple.prefetch=10",
					"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
			context.getBean(RabbitInstance.class).subscribe(QUEUE, (message) -> {
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				processed.add(new String(message.getBody()));
			});
			Thread.sleep(1000);
			long start = System.nanoTime();
			context.close();
			closeMillis.add((System.nanoTime() - start) / 1_000_000.0);
			Set<String> distinct = new HashSet<>(processed);
			Set<String> remaining = drain();
			processedCounts.add((double) distinct.size());
			Set<String> all = new HashSet<>(distinct);
			all.addAll(remaining);
			lost += messages - all.size();
			lost += processed.size() - distinct.size();
		}
		return new Result(new Stats(closeMillis), new Stats(processedCounts), messages, lost);
	}

	private static void fill(int messages) throws Exception {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.queueDeclare(QUEUE, false, false, false, null);
			channel.queuePurge(QUEUE);
			for (int i = 0; i < messages; i++) {
				channel.basicPublish("", QUEUE, null, ("m-" + i).getBytes());
			}
		}
	}

	private static Set<String> drain() throws Exception {
		Set<String> remaining = new HashSet<>();
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			GetResponse response;
			while ((response = channel.basicGet(QUEUE, true)) != null) {
				remaining.add(new String(response.getBody()));
			}
			channel.queueDelete(QUEUE);
		}
		return remaining;
	}

	private static Connection connect() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		return factory.newConnection();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
