package dev.plugboard.sentry.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.sentry.SentryEvent;
import org.jspecify.annotations.Nullable;

/**
 * Which instance an event belongs to by its packages: the logger's package first (a logged
 * error), otherwise the first stack frame that lies in any routed package, searching the root
 * cause first and then the exceptions that wrap it, each from the top of its stack. The longest
 * matching package wins, so {@code com.acme.payments.refunds} can go elsewhere than
 * {@code com.acme.payments}.
 *
 * @param <T> what an instance is routed to
 * @author Plugboard
 */
final class PackageRoutes<T> {

	private final List<Route<T>> routes;

	private PackageRoutes(List<Route<T>> routes) {
		this.routes = routes;
	}

	static <T> Builder<T> builder() {
		return new Builder<>();
	}

	boolean isEmpty() {
		return this.routes.isEmpty();
	}

	/**
	 * The target of an event.
	 * @param event the event
	 * @return the target, or {@code null} for the primary instance
	 */
	@Nullable T route(SentryEvent event) {
		String logger = event.getLogger();
		if (logger != null) {
			T target = match(logger);
			if (target != null) {
				return target;
			}
		}
		Throwable throwable = event.getThrowable();
		return (throwable != null) ? route(throwable) : null;
	}

	@Nullable T route(Throwable throwable) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable current = throwable; current != null && !chain.contains(current); current = current.getCause()) {
			chain.add(0, current);
		}
		for (Throwable current : chain) {
			for (StackTraceElement frame : current.getStackTrace()) {
				T target = match(frame.getClassName());
				if (target != null) {
					return target;
				}
			}
		}
		return null;
	}

	private @Nullable T match(String className) {
		for (Route<T> route : this.routes) {
			if (className.startsWith(route.prefix())) {
				return route.target();
			}
		}
		return null;
	}

	private record Route<T>(String prefix, T target) {
	}

	static final class Builder<T> {

		private final List<Route<T>> routes = new ArrayList<>();

		Builder<T> add(String packageName, T target) {
			this.routes.add(new Route<>(packageName + ".", target));
			return this;
		}

		PackageRoutes<T> build() {
			List<Route<T>> sorted = new ArrayList<>(this.routes);
			sorted.sort(Comparator.comparingInt((Route<T> route) -> route.prefix().length()).reversed());
			return new PackageRoutes<>(List.copyOf(sorted));
		}

	}

}
