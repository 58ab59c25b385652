package dev.plugboard.sentry.routed.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plugboard.sentry.routed.payments.PaymentsService;

/**
 * Code in no claimed package: its errors go to the primary instance, unless they come from
 * payments code it calls.
 */
public class ShopService {

	private static final Logger logger = LoggerFactory.getLogger(ShopService.class);

	private final PaymentsService payments = new PaymentsService();

	public void checkout(String order) {
		throw new UnsupportedOperationException("basket empty for " + order);
	}

	public void checkoutAndPay(String order) {
		try {
			this.payments.charge(order);
		}
		catch (IllegalStateException ex) {
			throw new RuntimeException("checkout of " + order + " failed", ex);
		}
	}

	public void logFailure(String order) {
		logger.error("checkout {} failed", order, new IllegalArgumentException("no basket"));
	}

}
