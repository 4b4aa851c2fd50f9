package dev.resilience.sample.shop.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.resilience.sample.shop.Invoice;

/**
 * The memory of the simulated PDF server: the invoice generated for each idempotency key, and how
 * many requests carried that key. A request with a known key gets the invoice generated for the
 * first one, so a retried request never generates a second PDF.
 */
@Component
public class InvoiceLedger {

	private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

	private final AtomicInteger pdfsGenerated = new AtomicInteger();

	/**
	 * Returns the invoice of that key, generating it if the key is new.
	 * @param idempotencyKey the key the client sent
	 * @param generator generates the PDF; called at most once per key
	 * @return the invoice of that key
	 */
	Invoice invoiceFor(String idempotencyKey, Supplier<Invoice> generator) {
		Entry entry = this.byKey.computeIfAbsent(idempotencyKey, (key) -> {
			this.pdfsGenerated.incrementAndGet();
			return new Entry(generator.get());
		});
		entry.requests.incrementAndGet();
		return entry.invoice;
	}

	/**
	 * Returns what the PDF server has seen.
	 * @param requestsSeen requests that reached the server, failed ones included
	 * @return the statistics
	 */
	public InvoiceStats stats(long requestsSeen) {
		Map<String, InvoiceStats.Key> keys = new TreeMap<>();
		this.byKey.forEach((key, entry) -> keys.put(key,
				new InvoiceStats.Key(entry.invoice.orderId(), entry.invoice.number(), entry.requests.get())));
		return new InvoiceStats(requestsSeen, this.pdfsGenerated.get(), keys);
	}

	private record Entry(Invoice invoice, AtomicInteger requests) {

		Entry(Invoice invoice) {
			this(invoice, new AtomicInteger());
		}

	}

}
