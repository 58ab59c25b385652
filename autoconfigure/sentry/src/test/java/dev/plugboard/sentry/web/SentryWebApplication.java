package dev.plugboard.sentry.web;

import dev.plugboard.sentry.routed.payments.PaymentsController;
import dev.plugboard.sentry.routed.shop.ShopController;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableAsync;

@SpringBootApplication
@EnableAsync
@Import({ PaymentsController.class, PaymentsController.PaymentsJobs.class, ShopController.class,
		ShopController.ShopJobs.class })
public class SentryWebApplication {

}
