package dev.plugboard.sentry.routed.payments;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Code in a package that the {@code payments} instance claims.
 */
public class PaymentsService {

	private static final Logger logger = LoggerFactory.getLogger(PaymentsService.class);

	public void charge(String order) {
		throw new IllegalStateException("card declined for " + order);
	}

	public void logFailure(String order) {
		logger.error("charging {} failed", order, new IllegalArgumentException("no such card"));
	}

}
