package dev.plugboard.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

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

	record Result(SideResult plugboard, SideResult boot, int messages) {
	}

	/**
	 * What one side measured over the runs.
	 * @param closeMillis the context close times
	 * @param processed the messages processed before close, per run
	 * @param lost the messages lost or duplicated in all runs
	 */
	record SideResult(Stats closeMillis, Stats processed, long lost) {
	}

	static Result run(int runs, int messages, String host, int port) throws Exception {
		Broker broker = new Broker(host, port);
		Side plugboard = new Side();
		Side boot = new Side();
		for (int run = 0; run < runs; run++) {
			// alternate, so that both see the same broker over the run
			measure(broker, plugboard, messages, Shutdown::startPlugboard);
			measure(broker, boot, messages, Shutdown::startBoot);
		}
		return new Result(plugboard.result(), boot.result(), messages);
	}

	private static void measure(Broker broker, Side side, int messages,
			BiFunction<Broker, List<String>, ConfigurableApplicationContext> starter) throws Exception {
		fill(broker, messages);
		List<String> processed = Collections.synchronizedList(new ArrayList<>());
		ConfigurableApplicationContext context = starter.apply(broker, processed);
		Thread.sleep(1000);
		long start = System.nanoTime();
		context.close();
		side.closeMillis.add((System.nanoTime() - start) / 1_000_000.0);
		Set<String> distinct = new HashSet<>(processed);
		Set<String> remaining = drain(broker);
		side.processed.add((double) distinct.size());
		Set<String> all = new HashSet<>(distinct);
		all.addAll(remaining);
		// lost: neither processed nor in the queue; duplicated: processed twice
		side.lost += messages - all.size();
		side.lost += processed.size() - distinct.size();
	}

	private static ConfigurableApplicationContext startPlugboard(Broker broker, List<String> processed) {
		ConfigurableApplicationContext context = application(PlugboardApp.class).run("--logging.level.root=WARN",
				"--plugboard.rabbitmq.events.url=amqp://guest:guest@" + broker.host() + ":" + broker.port() + "/",
				"--plugboard.rabbitmq.events.listener.simple.prefetch=10",
				"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		context.getBean(RabbitInstance.class).subscribe(QUEUE, (message) -> slowly(processed, message.getBody()));
		return context;
	}

	private static ConfigurableApplicationContext startBoot(Broker broker, List<String> processed) {
		BootApp.processed = processed;
		return application(BootApp.class).run("--logging.level.root=WARN", "--spring.rabbitmq.host=" + broker.host(),
				"--spring.rabbitmq.port=" + broker.port(), "--spring.rabbitmq.listener.simple.prefetch=10",
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

		SideResult result() {
			return new SideResult(new Stats(this.closeMillis), new Stats(this.processed), this.lost);
		}

	}

	/**
	 * The broker both sides use, with the user {@code guest}.
	 */
	private record Broker(String host, int port) {

		Connection connect() throws Exception {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost(this.host);
			factory.setPort(this.port);
			return factory.newConnection();
		}

	}

	private static void fill(Broker broker, int messages) throws Exception {
		try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
			channel.queueDeclare(QUEUE, false, false, false, null);
			channel.queuePurge(QUEUE);
			for (int i = 0; i < messages; i++) {
				channel.basicPublish("", QUEUE, null, ("m-" + i).getBytes());
			}
		}
	}

	private static Set<String> drain(Broker broker) throws Exception {
		Set<String> remaining = new HashSet<>();
		try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
			GetResponse response;
			while ((response = channel.basicGet(QUEUE, true)) != null) {
				remaining.add(new String(response.getBody()));
			}
			channel.queueDelete(QUEUE);
		}
		return remaining;
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
