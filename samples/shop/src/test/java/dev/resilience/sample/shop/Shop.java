package dev.resilience.sample.shop;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.resilience.sample.shop.OrderController.OrderConfirmation;
import dev.resilience.sample.shop.simulator.InvoiceStats;

/**
 * The shop and its simulated services, over HTTP, as a user with {@code curl} sees them.
 */
final class Shop {

	static final List<String> SIMULATED_SERVICES = List.of("recommendations", "invoices", "time");

	private final RestClient http;

	Shop(int port) {
		this.http = RestClient.create("http://localhost:" + port);
	}

	RestClient http() {
		return this.http;
	}

	Actuator actuator() {
		return new Actuator(this.http);
	}

	/**
	 * Heals every service and calls every page once: the first calls load classes and open
	 * connections, which must not count against time limits.
	 */
	void warmUp() {
		healAll();
		this.http.get().uri("/").retrieve().toBodilessEntity();
		this.http.post().uri("/orders").retrieve().toBodilessEntity();
	}

	void healAll() {
		SIMULATED_SERVICES.forEach((service) -> simulate(service, "{\"mode\": \"healthy\"}"));
	}

	/** {@code PUT /simulated/{service}/mode}. */
	void simulate(String service, String behaviour) {
		this.http.put()
			.uri("/simulated/{service}/mode", service)
			.contentType(MediaType.APPLICATION_JSON)
			.body(behaviour)
			.retrieve()
			.toBodilessEntity();
	}

	/** Requests that reached a simulated service, from {@code GET /simulated/{service}/stats}. */
	long requestsSeen(String service) {
		return this.http.get()
			.uri("/simulated/{service}/stats", service)
			.retrieve()
			.body(SeenRequests.class)
			.requestsSeen();
	}

	InvoiceStats invoiceStats() {
		return this.http.get().uri("/simulated/invoices/stats").retrieve().body(InvoiceStats.class);
	}

	FrontPage frontPage() {
		return this.http.get().uri("/").retrieve().body(FrontPage.class);
	}

	/** The front page, for a caller that waits for it at most the given milliseconds. */
	FrontPage frontPage(String requestTimeout) {
		return this.http.get().uri("/").header("X-Request-Timeout", requestTimeout).retrieve().body(FrontPage.class);
	}

	OrderConfirmation placeOrder() {
		return this.http.post().uri("/orders").retrieve().body(OrderConfirmation.class);
	}

	private record SeenRequests(long requestsSeen) {
	}

}
