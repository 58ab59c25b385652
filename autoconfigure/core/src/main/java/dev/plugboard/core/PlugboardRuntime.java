package dev.plugboard.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;

/**
 * The threads Plugboard uses for concurrent startup, bounded checks and background recovery.
 * Its threads are daemons, so a hung server never keeps the JVM alive.
 *
 * @author Plugboard
 */
public final class PlugboardRuntime implements DisposableBean {

	private final ExecutorService executor = Executors.newCachedThreadPool(threads("plugboard-"));

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
			threads("plugboard-monitor-"));

	/**
	 * Run a task on a Plugboard thread.
	 * @param <T> the result type
	 * @param task the task
	 * @return its future
	 */
	public <T> CompletableFuture<T> supply(Supplier<T> task) {
		return CompletableFuture.supplyAsync(task, this.executor);
	}

	/**
	 * Run a task on a Plugboard thread.
	 * @param task the task
	 */
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

	/**
	 * Run a task later; the task itself is handed to a worker so that a slow check never delays
	 * another instance's schedule.
	 * @param task the task
	 * @param delay the delay
	 * @return the scheduled future
	 */
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.scheduler.schedule(() -> this.executor.execute(task), Math.max(0, delay.toMillis()),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		this.executor.shutdownNow();
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
