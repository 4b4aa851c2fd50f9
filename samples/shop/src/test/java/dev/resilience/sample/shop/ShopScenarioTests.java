package dev.resilience.sample.shop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimiter;
import dev.resilience.sample.shop.OrderController.OrderConfirmation;
import dev.resilience.sample.shop.simulator.InvoiceStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the scenario of the README over real HTTP: the shop calls its simulated services
 * through its own port while the test switches them between healthy and broken, with the
 * configuration of application.yml. Time is manual: the breaker's wait in the open state passes
 * when the test says so, and retries do not sleep; only time limits take real time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ShopScenarioTests.ManualTime.class)
class ShopScenarioTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private ManualClock clock;

	private RestClient http;

	@BeforeAll
	static void warmUp(@LocalServerPort int port) {
		// The first calls load classes and open connections: they must not count against time limits.
		RestClient http = RestClient.create("http://localhost:" + port);
		http.get().uri("/").retrieve().toBodilessEntity();
		http.post().uri("/orders").retrieve().toBodilessEntity();
	}

	@BeforeEach
	void healEverything() {
		this.http = RestClient.create("http://localhost:" + this.port);
		for (String service : List.of("recommendations", "invoices", "time")) {
			simulate(service, "{\"mode\": \"healthy\"}");
		}
		this.registry.circuitBreaker("recommendations").transitionTo(State.CLOSED);
	}

	@Test
	void frontPageShowsBestSellersWhileRecommendationsAreBrokenAndTheBreakerOpensAndClosesAgain() {
		CircuitBreaker breaker = this.registry.circuitBreaker("recommendations");
		int minimumCalls = breaker.config().minimumCalls();
		simulate("recommendations", "{\"mode\": \"failing\"}");
		long seenWhileClosed = requestsSeen("recommendations");
		for (int call = 1; call <= minimumCalls; call++) {
			assertThat(breaker.state()).isEqualTo(State.CLOSED);
			assertThat(frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
		}
		assertThat(breaker.state()).isEqualTo(State.OPEN);
		assertThat(requestsSeen("recommendations") - seenWhileClosed).isEqualTo(minimumCalls);
		assertThat(statusPage()).containsEntry("recommendations", "OPEN");

		long seenWhenOpened = requestsSeen("recommendations");
		assertThat(frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
		assertThat(requestsSeen("recommendations")).as("an open breaker does not call").isEqualTo(seenWhenOpened);
		assertThat(breaker.metrics().notPermittedCalls()).isEqualTo(1);

		simulate("recommendations", "{\"mode\": \"healthy\"}");
		assertThat(frontPage().recommendations().heading()).as("still open").isEqualTo("Best sellers");
		this.clock.advance(breaker.config().waitInOpen());
		for (int trial = 1; trial <= breaker.config().halfOpenCalls(); trial++) {
			assertThat(frontPage().recommendations().heading()).isEqualTo("Recommended for you");
		}
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
		assertThat(statusPage()).containsEntry("recommendations", "CLOSED");
	}

	@Test
	void transientInvoiceFailuresAreRetriedWithBackoffAndOnePdfIsGenerated() {
		Retry retry = this.registry.retry("invoices");
		Retry.Metrics before = retry.metrics();
		InvoiceStats statsBefore = invoiceStats();
		int sleepsBefore = this.clock.sleeps().size();
		simulate("invoices", "{\"mode\": \"failing\", \"status\": 503, \"times\": 2}");

		OrderConfirmation order = placeOrder();

		assertThat(order.invoice().orderId()).isEqualTo(order.orderId());
		long retries = retry.metrics().retryAttempts() - before.retryAttempts();
		assertThat(retries).isGreaterThanOrEqualTo(2);
		assertThat(retry.metrics().successfulWithRetry() - before.successfulWithRetry()).isEqualTo(1);
		eventually()
			.untilAsserted(() -> assertThat(invoiceStats().requestsSeen() - statsBefore.requestsSeen())
				.as("every attempt reached the PDF server")
				.isEqualTo(retries + 1));
		assertThat(invoiceStats().pdfsGenerated() - statsBefore.pdfsGenerated()).isEqualTo(1);
		assertThat(keysOf(order)).hasSize(1);
		List<Duration> delays = this.clock.sleeps().subList(sleepsBefore, this.clock.sleeps().size());
		assertThat(delays.get(0)).as("200ms, jitter 50%").isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
		assertThat(delays.get(1)).as("400ms, jitter 50%").isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
	}

	@Test
	void anAttemptThatTimedOutAndTheRetryCarryOneKeyAndMakeOnePdf() {
		TimeLimiter limiter = this.registry.timeLimiter("invoices");
		long timedOutBefore = limiter.metrics().timedOut();
		InvoiceStats statsBefore = invoiceStats();
		simulate("invoices", "{\"mode\": \"slow\", \"latencyMs\": 1500, \"times\": 1}");

		OrderConfirmation order = placeOrder();

		assertThat(limiter.metrics().timedOut()).isGreaterThan(timedOutBefore);
		eventually()
			.untilAsserted(() -> assertThat(keysOf(order)).singleElement()
				.satisfies((key) -> assertThat(key.requests()).as("the attempt that timed out came in late")
					.isGreaterThanOrEqualTo(2)));
		assertThat(invoiceStats().pdfsGenerated() - statsBefore.pdfsGenerated()).isEqualTo(1);
	}

	@Test
	void rateLimitedInvoicesAreRetriedNoEarlierThanRetryAfterSays() {
		int sleepsBefore = this.clock.sleeps().size();
		simulate("invoices", "{\"mode\": \"rate-limited\", \"retryAfterSeconds\": 1, \"times\": 1}");

		placeOrder();

		assertThat(this.clock.sleeps().subList(sleepsBefore, this.clock.sleeps().size()))
			.anySatisfy((delay) -> assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void aPdfServerThatIsDownSeesNoRequestAndTheOrderFailsAfterEveryAttempt() {
		Retry retry = this.registry.retry("invoices");
		Retry.Metrics before = retry.metrics();
		InvoiceStats statsBefore = invoiceStats();
		simulate("invoices", "{\"mode\": \"down\"}");

		HttpStatusCode status = this.http.post()
			.uri("/orders")
			.exchange((request, response) -> response.getStatusCode());

		assertThat(status).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(retry.metrics().failedWithRetry() - before.failedWithRetry()).isEqualTo(1);
		assertThat(retry.metrics().retryAttempts() - before.retryAttempts())
			.isEqualTo(retry.config().maxAttempts() - 1);
		assertThat(invoiceStats().requestsSeen()).isEqualTo(statsBefore.requestsSeen());
		assertThat(invoiceStats().pdfsGenerated()).isEqualTo(statsBefore.pdfsGenerated());
	}

	@Test
	void aSlowTimeServiceShowsTimeNotAvailable() {
		TimeLimiter limiter = this.registry.timeLimiter("time");
		long timedOutBefore = limiter.metrics().timedOut();
		simulate("time", "{\"mode\": \"slow\", \"latencyMs\": 2000}");

		long start = System.nanoTime();
		FrontPage page = frontPage();

		assertThat(page.time()).isEqualTo("Time not available");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
		assertThat(limiter.metrics().timedOut() - timedOutBefore).isEqualTo(1);
	}

	@Test
	void frontPageIsAlsoHtml() {
		simulate("recommendations", "{\"mode\": \"failing\"}");

		String html = this.http.get().uri("/").accept(MediaType.TEXT_HTML).retrieve().body(String.class);

		assertThat(html).contains("<h2>Best sellers</h2>", "<li>Release It!");
	}

	/** Waits for requests that the shop gave up on, but that reach the simulated service late. */
	private static ConditionFactory eventually() {
		return await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5));
	}

	private void simulate(String service, String behaviour) {
		this.http.put()
			.uri("/simulated/{service}/mode", service)
			.contentType(MediaType.APPLICATION_JSON)
			.body(behaviour)
			.retrieve()
			.toBodilessEntity();
	}

	private FrontPage frontPage() {
		return this.http.get().uri("/").retrieve().body(FrontPage.class);
	}

	private OrderConfirmation placeOrder() {
		return this.http.post().uri("/orders").retrieve().body(OrderConfirmation.class);
	}

	private long requestsSeen(String service) {
		return this.http.get()
			.uri("/simulated/{service}/stats", service)
			.retrieve()
			.body(SeenRequests.class)
			.requestsSeen();
	}

	private InvoiceStats invoiceStats() {
		return this.http.get().uri("/simulated/invoices/stats").retrieve().body(InvoiceStats.class);
	}

	private List<InvoiceStats.Key> keysOf(OrderConfirmation order) {
		return invoiceStats().keys()
			.values()
			.stream()
			.filter((key) -> key.orderId().equals(order.orderId()))
			.toList();
	}

	/** Breaker states by name, as the shop's status page shows them. */
	private Map<String, String> statusPage() {
		Map<String, Map<String, Map<String, Object>>> status = this.http.get()
			.uri("/status")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		Map<String, String> states = new TreeMap<>();
		status.get("circuitBreakers").forEach((name, breaker) -> states.put(name, (String) breaker.get("state")));
		return states;
	}

	private record SeenRequests(long requestsSeen) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ManualTime {

		@Bean
		ManualClock manualClock() {
			return new ManualClock();
		}

	}

}
