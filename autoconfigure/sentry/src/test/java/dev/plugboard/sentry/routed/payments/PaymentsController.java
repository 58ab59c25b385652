package dev.plugboard.sentry.routed.payments;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller and {@code @Async} work in the package that the {@code payments} instance claims.
 */
@RestController
public class PaymentsController {

	private final PaymentsJobs jobs;

	public PaymentsController(PaymentsJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/payments/{order}")
	String pay(@PathVariable String order) {
		throw new IllegalStateException("payment of " + order + " refused");
	}

	@GetMapping("/payments/{order}/later")
	String payLater(@PathVariable String order) {
		this.jobs.settle(order);
		return "queued";
	}

	@Component
	public static class PaymentsJobs {

		@Async
		public void settle(String order) {
			throw new IllegalStateException("settlement of " + order + " failed");
		}

	}

}
