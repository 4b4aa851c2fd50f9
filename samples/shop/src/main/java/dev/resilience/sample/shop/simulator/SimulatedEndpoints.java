package dev.resilience.sample.shop.simulator;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.resilience.sample.shop.Invoice;
import dev.resilience.sample.shop.InvoiceRequest;
import dev.resilience.sample.shop.details.ProductDetails;
import dev.resilience.sample.shop.stores.Location;
import dev.resilience.sample.shop.storm.Stock;

/**
 * The downstream services, as they answer when healthy; {@link FaultInjectingValve} makes
 * them misbehave.
 */
@RestController
class SimulatedEndpoints {

	private final InvoiceLedger ledger;

	private final AtomicInteger invoiceNumbers = new AtomicInteger();

	SimulatedEndpoints(InvoiceLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/simulated/recommendations")
	List<String> recommendations(@RequestParam String user) {
		return List.of("Designing Data-Intensive Applications", "Site Reliability Engineering",
				"The Phoenix Project");
	}

	@PostMapping("/simulated/invoices")
	Invoice generateInvoice(@RequestHeader("Idempotency-Key") String idempotencyKey,
			@RequestBody InvoiceRequest request) {
		return this.ledger.invoiceFor(idempotencyKey, () -> new Invoice(
				"INV-%05d".formatted(this.invoiceNumbers.incrementAndGet()), request.orderId()));
	}

	@GetMapping("/simulated/time")
	Map<String, String> time() {
		return Map.of("time", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
	}

	@GetMapping("/simulated/inventory")
	Stock inventory(@RequestParam String sku) {
		return new Stock(sku, 7);
	}

	@GetMapping("/simulated/reviews")
	List<String> reviews(@RequestParam String product) {
		return List.of("Read it before your next launch.", "The chapter on stability patterns paid for itself.");
	}

	@GetMapping("/simulated/catalog")
	ProductDetails catalog(@RequestParam String product) {
		return new ProductDetails(product, "Release It!", "Michael T. Nygard", 376);
	}

	/** Somewhere in Berlin, always the same place for the same address. */
	@GetMapping("/simulated/geocoder")
	Location geocode(@RequestParam String address) {
		int hash = address.trim().toLowerCase(Locale.ROOT).hashCode();
		double lat = 52.45 + 0.12 * (hash & 0xffff) / 0xffff;
		double lon = 13.25 + 0.25 * (hash >>> 16) / 0xffff;
		return new Location(Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4);
	}

}
