package dev.plugboard.rabbitmq.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The shared RabbitMQ broker of the test machine ({@code PLUGBOARD_TEST_RABBIT_HOST},
 * {@code PLUGBOARD_TEST_RABBIT_PORT}); tests create their own virtual hosts with
 * {@code rabbitmqctl} and delete them again. The broker itself is never stopped.
 */
public final class RabbitBroker {

	public static final String HOST = env("PLUGBOARD_TEST_RABBIT_HOST", "127.0.0.1");

	public static final int PORT = Integer.parseInt(env("PLUGBOARD_TEST_RABBIT_PORT", "5672"));

	private RabbitBroker() {
	}

	public static String url(String virtualHost) {
		return "amqp://guest:guest@" + HOST + ":" + PORT + "/" + virtualHost;
	}

	/**
	 * A virtual host name that no other test run on this machine uses at the same time (builds
	 * of other checkouts share the broker).
	 * @param base the readable part of the name
	 * @return the name
	 */
	public static String uniqueName(String base) {
		return base + "-" + ProcessHandle.current().pid() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
	}

	public static void createVirtualHost(String name) {
		rabbitmqctl("add_vhost", name);
		rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
	}

	/**
	 * Create a user with full permissions on the default virtual host.
	 * @param name the user
	 * @param password the password
	 */
	public static void createUser(String name, String password) {
		rabbitmqctl("add_user", name, password);
		rabbitmqctl("set_permissions", "-p", "/", name, ".*", ".*", ".*");
	}

	public static void deleteUser(String name) {
		rabbitmqctl("delete_user", name);
	}

	/**
	 * Delete a virtual host with its queues, if it exists.
	 * @param name the virtual host
	 */
	public static void deleteVirtualHost(String name) {
		try {
			rabbitmqctl("delete_vhost", name);
		}
		catch (IllegalStateException ex) {
			if (!String.valueOf(ex.getMessage()).contains("does not exist")) {
				throw ex;
			}
		}
	}

	/**
	 * Whether a queue exists in a virtual host, asked with a plain client (passive declare).
	 * @param virtualHost the virtual host
	 * @param queue the queue
	 * @return {@code true} if it exists
	 */
	public static boolean queueExists(String virtualHost, String queue) {
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			channel.queueDeclarePassive(queue);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether an exchange exists in a virtual host, asked with a plain client (passive declare).
	 * @param virtualHost the virtual host
	 * @param exchange the exchange
	 * @return {@code true} if it exists
	 */
	public static boolean exchangeExists(String virtualHost, String exchange) {
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			channel.exchangeDeclarePassive(exchange);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Delete a queue with a plain client; a queue that does not exist is no error.
	 * @param virtualHost the virtual host
	 * @param queue the queue
	 */
	public static void deleteQueue(String virtualHost, String queue) {
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			channel.queueDelete(queue);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Delete an exchange with a plain client; an exchange that does not exist is no error.
	 * @param virtualHost the virtual host
	 * @param exchange the exchange
	 */
	public static void deleteExchange(String virtualHost, String exchange) {
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			channel.exchangeDelete(exchange);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Take every message of a queue with a plain client, acknowledging each.
	 * @param virtualHost the virtual host
	 * @param queue the queue
	 * @return the bodies, in queue order
	 */
	public static List<String> drain(String virtualHost, String queue) {
		List<String> bodies = new java.util.ArrayList<>();
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			com.rabbitmq.client.GetResponse response;
			while ((response = channel.basicGet(queue, true)) != null) {
				bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
			}
			return bodies;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Take every message of a queue with a plain client, acknowledging each, with the broker's
	 * redelivered flag: {@code true} for a message that was delivered before and not
	 * acknowledged.
	 * @param virtualHost the virtual host
	 * @param queue the queue
	 * @return whether each body was redelivered, in queue order
	 */
	public static Map<String, Boolean> drainWithRedeliveredFlags(String virtualHost, String queue) {
		Map<String, Boolean> bodies = new LinkedHashMap<>();
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			com.rabbitmq.client.GetResponse response;
			while ((response = channel.basicGet(queue, true)) != null) {
				bodies.put(new String(response.getBody(), StandardCharsets.UTF_8),
						response.getEnvelope().isRedeliver());
			}
			return bodies;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * How many consumers a queue has.
	 * @param virtualHost the virtual host
	 * @param queue the queue
	 * @return the count
	 */
	public static long consumerCount(String virtualHost, String queue) {
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			return channel.queueDeclarePassive(queue).getConsumerCount();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Declare a durable queue with a plain client, emptied, and fill it with messages
	 * {@code <prefix>0 … <prefix>(count-1)}.
	 * @param virtualHost the virtual host
	 * @param queue the queue
	 * @param prefix the prefix of each body
	 * @param count how many messages
	 */
	public static void fill(String virtualHost, String queue, String prefix, int count) {
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			channel.queueDeclare(queue, true, false, false, null);
			channel.queuePurge(queue);
			channel.confirmSelect();
			for (int i = 0; i < count; i++) {
				channel.basicPublish("", queue, null, (prefix + i).getBytes(StandardCharsets.UTF_8));
			}
			channel.waitForConfirmsOrDie(10_000);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * How many messages are ready in a queue.
	 * @param virtualHost the virtual host
	 * @param queue the queue
	 * @return the count
	 */
	public static long messageCount(String virtualHost, String queue) {
		try (Connection connection = connect(virtualHost); Channel channel = connection.createChannel()) {
			return channel.queueDeclarePassive(queue).getMessageCount();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Connection connect(String virtualHost) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(HOST);
		factory.setPort(PORT);
		factory.setVirtualHost(virtualHost);
		return factory.newConnection();
	}

	private static void rabbitmqctl(String... arguments) {
		List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run rabbitmqctl", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
