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

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the application while a slow consumer (20 ms a message, prefetch 10) works through a
 * queue, and counts: every message must have been processed once or still be in the queue.
 * Plugboard's subscription against a plain Spring Boot {@code @RabbitListener}, runs
 * alternating.
 */
final class Shutdown {

	private static final String QUEUE = "plugboard.bench.shutdown";

	private Shutdown() {
	}

	record Result(Stats closeMillis, Stats processed, long lost, Stats bootCloseMillis, Stats bootProcessed,
			long bootLost, int messages) {
	}

	static Result run(int runs, int messages) throws Exception {
		Side plugboard = new Side();
		Side boot = new Side();
		for (int run = 0; run < runs; run++) {
			// alternate, so that both see the same broker over the run
			measure(plugboard, messages, Shutdown::startPlugboard);
			measure(boot, messages, Shutdown::startBoot);
		}
		return new Result(new Stats(plugboard.closeMillis), new Stats(plugboard.processed), plugboard.lost,
				new Stats(boot.closeMillis), new Stats(boot.processed), boot.lost, messages);
	}

	private static void measure(Side side, int messages,
			java.util.function.Function<List<String>, ConfigurableApplicationContext> starter) throws Exception {
		fill(messages);
		List<String> processed = Collections.synchronizedList(new ArrayList<>());
		ConfigurableApplicationContext context = starter.apply(processed);
		Thread.sleep(1000);
		long start = System.nanoTime();
		context.close();
		side.closeMillis.add((System.nanoTime() - start) / 1_000_000.0);
		Set<String> distinct = new HashSet<>(processed);
		Set<String> remaining = drain();
		side.processed.add((double) distinct.size());
		Set<String> all = new HashSet<>(distinct);
		all.addAll(remaining);
		// lost: neither processed nor in the queue; duplicated: processed twice
		side.lost += messages - all.size();
		side.lost += processed.size() - distinct.size();
	}

	private static ConfigurableApplicationContext startPlugboard(List<String> processed) {
		ConfigurableApplicationContext context = application(PlugboardApp.class).run("--logging.level.root=WARN",
				"--plugboard.rabbitmq.events.url=amqp://guest:guest@127.0.0.1:5672/",
				"--plugboard.rabbitmq.events.listener.simple.prefetch=10",
				"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		context.getBean(RabbitInstance.class).subscribe(QUEUE, (message) -> slowly(processed, message.getBody()));
		return context;
	}

	private static ConfigurableApplicationContext startBoot(List<String> processed) {
		BootApp.processed = processed;
		return application(BootApp.class).run("--logging.level.root=WARN", "--spring.rabbitmq.host=127.0.0.1",
				"--spring.rabbitmq.port=5672", "--spring.rabbitmq.listener.simple.prefetch=10",
				"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
	}

	private static SpringApplication application(Class<?> source) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		return application;
	}

	static void slowly(List<String> processed, byte[] body) {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		processed.add(new String(body));
	}

	private static final class Side {

		final List<Double> closeMillis = new ArrayList<>();

		final List<Double> processed = new ArrayList<>();

		long lost;

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
	static class PlugboardApp {

	}

	/**
	 * The same consumer the way a plain Spring Boot application writes it.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BootApp {

		static volatile List<String> processed = List.of();

		@RabbitListener(queues = QUEUE)
		void consume(Message message) {
			slowly(processed, message.getBody());
		}

	}

}
