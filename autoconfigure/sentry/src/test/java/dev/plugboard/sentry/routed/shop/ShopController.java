package dev.plugboard.sentry.routed.shop;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller and {@code @Async} work in no claimed package: the primary instance's.
 */
@RestController
public class ShopController {

	private final ShopJobs jobs;

	public ShopController(ShopJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/shop/{order}")
	String order(@PathVariable String order) {
		throw new UnsupportedOperationException("order " + order + " unknown");
	}

	@GetMapping("/shop/{order}/later")
	String orderLater(@PathVariable String order) {
		this.jobs.ship(order);
		return "queued";
	}

	@Component
	public static class ShopJobs {

		@Async
		public void ship(String order) {
			throw new IllegalStateException("shipping of " + order + " failed");
		}

	}

}
