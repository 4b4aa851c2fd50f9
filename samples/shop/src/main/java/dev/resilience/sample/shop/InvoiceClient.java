package dev.resilience.sample.shop;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;

/**
 * Calls the PDF server, which is slow and fails now and then. Every attempt has its own time
 * limit; failed attempts are retried with backoff, and all attempts of one invoice carry the same
 * {@code Idempotency-Key}, so that the server generates the PDF at most once even when an attempt
 * that timed out did reach it.
 */
@Service
public class InvoiceClient {

	private final RestClient http;

	InvoiceClient(@Lazy RestClient invoicesHttp) {
		this.http = invoicesHttp;
	}

	/**
	 * Generates the invoice PDF of an order.
	 * @param request what goes on the invoice
	 * @param idempotencyKey made once per invoice by the caller, so that each retry sends it again
	 * @return the invoice
	 */
	@Retryable(name = "invoices")
	@TimeLimited(name = "invoices")
	public Invoice generate(InvoiceRequest request, String idempotencyKey) {
		return this.http.post()
			.header("Idempotency-Key", idempotencyKey)
			.body(request)
			.retrieve()
			.body(Invoice.class);
	}

}
