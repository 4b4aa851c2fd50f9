package dev.resilience.sample.shop;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

import dev.resilience.core.ResilienceException;

/**
 * Places an order and has its invoice generated.
 */
@RestController
class OrderController {

	private final InvoiceClient invoices;

	OrderController(InvoiceClient invoices) {
		this.invoices = invoices;
	}

	@PostMapping("/orders")
	OrderConfirmation placeOrder(@RequestParam(defaultValue = "ada") String user) {
		String orderId = UUID.randomUUID().toString();
		InvoiceRequest request = new InvoiceRequest(orderId, user, List.of("Release It!"));
		// One key per invoice, made before the first attempt: every retry sends the same key.
		String idempotencyKey = UUID.randomUUID().toString();
		return new OrderConfirmation(orderId, this.invoices.generate(request, idempotencyKey));
	}

	/** The retries are used up: the PDF server is down for longer than this request may wait. */
	@ExceptionHandler({ RestClientException.class, ResilienceException.class })
	ProblemDetail invoicesUnavailable() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Invoices cannot be generated right now, please try again later");
	}

	record OrderConfirmation(String orderId, Invoice invoice) {
	}

}
