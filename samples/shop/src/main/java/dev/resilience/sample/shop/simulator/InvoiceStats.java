package dev.resilience.sample.shop.simulator;

import java.util.Map;

/**
 * What the simulated PDF server has seen.
 *
 * @param requestsSeen requests that reached the server, failed ones included
 * @param pdfsGenerated PDFs generated, one per idempotency key
 * @param keys per idempotency key: the order, its invoice and the requests that carried the key
 */
public record InvoiceStats(long requestsSeen, int pdfsGenerated, Map<String, Key> keys) {

	public record Key(String orderId, String invoiceNumber, int requests) {
	}

}
