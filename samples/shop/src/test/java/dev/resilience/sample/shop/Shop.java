package dev.resilience.sample.shop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.resilience.sample.shop.OrderController.OrderConfirmation;
import dev.resilience.sample.shop.details.ProductDetails;
import dev.resilience.sample.shop.reviews.Reviews;
import dev.resilience.sample.shop.simulator.InvoiceStats;
import dev.resilience.sample.shop.stores.NearestStore;

/**
 * The shop and its simulated services, over HTTP, as a user with {@code curl} sees them.
 */
final class Shop {

	static final List<String> SIMULATED_SERVICES = List.of("recommendations", "invoices", "time", "inventory",
			"reviews", "geocoder", "catalog");

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
	 * Heals every service and calls every page once, but the reviews: the first calls load classes
	 * and open connections, which must not count against time limits. A call of the healthy
	 * review service would teach its adaptive limit a latency far below the one it has when
	 * saturating; {@link OverloadScenarioTests} warms it up in the mode it tests.
	 */
	void warmUp() {
		healAll();
		this.http.get().uri("/").retrieve().toBodilessEntity();
		this.http.post().uri("/orders").retrieve().toBodilessEntity();
		this.http.get().uri("/storm/click").retrieve().toBodilessEntity();
		this.http.get().uri("/stores/nearest?address=Torstrasse 1").retrieve().toBodilessEntity();
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

	/** What the review service has seen: {@code GET /simulated/reviews/stats}. */
	LoadStats reviewStats() {
		return this.http.get().uri("/simulated/reviews/stats").retrieve().body(LoadStats.class);
	}

	/** What the geocoder has seen: {@code GET /simulated/geocoder/stats}. */
	QuotaStats geocoderStats() {
		return this.http.get().uri("/simulated/geocoder/stats").retrieve().body(QuotaStats.class);
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

	/** Places an order for a caller that waits for it at most the given milliseconds. */
	HttpStatusCode placeOrder(String requestTimeout) {
		return this.http.post()
			.uri("/orders")
			.header("X-Request-Timeout", requestTimeout)
			.exchange((request, response) -> response.getStatusCode());
	}

	/** {@code GET /products/{product}}, through the hedged call of the catalog. */
	ProductDetails productDetails(String product) {
		return this.http.get().uri("/products/{product}", product).retrieve().body(ProductDetails.class);
	}

	/** {@code GET /products/{product}/reviews}. */
	Reviews reviews(String product) {
		return this.http.get().uri("/products/{product}/reviews", product).retrieve().body(Reviews.class);
	}

	/** {@code GET /stores/nearest?address=...}. */
	NearestStore nearestStore(String address) {
		return this.http.get().uri("/stores/nearest?address={address}", address).retrieve().body(NearestStore.class);
	}

	/** The store nearest to an address, for a caller that waits for it at most the given milliseconds. */
	NearestStore nearestStore(String address, String requestTimeout) {
		return this.http.get()
			.uri("/stores/nearest?address={address}", address)
			.header("X-Request-Timeout", requestTimeout)
			.retrieve()
			.body(NearestStore.class);
	}

	/** {@code GET /} as JSON, whatever its status. */
	Answer frontPageAnswer() {
		return answerOf(this.http.get().uri("/").accept(MediaType.APPLICATION_JSON));
	}

	/** {@code POST /orders}, whatever its status. */
	Answer placeOrderAnswer() {
		return answerOf(this.http.post().uri("/orders").accept(MediaType.APPLICATION_JSON));
	}

	private static Answer answerOf(RestClient.RequestHeadersSpec<?> request) {
		return request.exchange((sent, response) -> new Answer(response.getStatusCode(),
				new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	/** {@code GET /storm/click}. */
	HttpStatusCode click() {
		return this.http.get().uri("/storm/click").exchange((request, response) -> response.getStatusCode());
	}

	/** Clicks all at once, as a crowd of users would. */
	List<HttpStatusCode> burstOfClicks(int clicks) throws Exception {
		return burstOfClicks(clicks, List.of(this));
	}

	/**
	 * Clicks all at once, as a crowd of users would, spread in turn over the instances of a
	 * fleet, as a load balancer would.
	 */
	static List<HttpStatusCode> burstOfClicks(int clicks, List<Shop> fleet) throws Exception {
		ExecutorService users = Executors.newFixedThreadPool(clicks);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<HttpStatusCode>> answers = new ArrayList<>();
			for (int i = 0; i < clicks; i++) {
				Shop shop = fleet.get(i % fleet.size());
				answers.add(users.submit(() -> {
					go.await();
					return shop.click();
				}));
			}
			go.countDown();
			List<HttpStatusCode> statuses = new ArrayList<>();
			for (Future<HttpStatusCode> answer : answers) {
				statuses.add(answer.get(30, TimeUnit.SECONDS));
			}
			return statuses;
		}
		finally {
			users.shutdownNow();
		}
	}

	private record SeenRequests(long requestsSeen) {
	}

	record LoadStats(long requestsSeen, int inFlight, int mostInFlight) {
	}

	record QuotaStats(long requestsSeen, int quotaPerSecond, long overQuota, int busiestSecond) {
	}

	/** What the shop answered: its status and its body as it came. */
	record Answer(HttpStatusCode status, String body) {
	}

}
