package dev.resilience.sample.shop;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.sample.shop.Actuator.CircuitBreakerView;
import dev.resilience.sample.shop.Actuator.Component;
import dev.resilience.sample.shop.Actuator.RetryView;
import dev.resilience.sample.shop.OrderController.OrderConfirmation;
import dev.resilience.sample.shop.simulator.InvoiceStats;
import dev.resilience.test.ManualClock;
import dev.resilience.test.ManualResilienceClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the scenario of the README over real HTTP: the shop calls its simulated services
 * through its own port while the test switches them between healthy and broken, with the
 * configuration of application.yml, and reads what happened from the Actuator endpoints. Time is
 * manual: the breaker's wait in the open state passes when the test says so, and retries do not
 * sleep; only time limits take real time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ManualResilienceClock
class ShopScenarioTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private ManualClock clock;

	private Shop shop;

	private Actuator actuator;

	@BeforeAll
	static void warmUp(@LocalServerPort int port) {
		new Shop(port).warmUp();
	}

	@BeforeEach
	void healEverything() {
		this.shop = new Shop(this.port);
		this.actuator = this.shop.actuator();
		this.shop.healAll();
		this.actuator.closeCircuitBreaker("recommendations");
	}

	@Test
	void frontPageShowsBestSellersWhileRecommendationsAreBrokenAndTheBreakerOpensAndClosesAgain() {
		CircuitBreakerConfig config = this.registry.circuitBreaker("recommendations").config();
		this.shop.simulate("recommendations", "{\"mode\": \"failing\"}");
		long seenWhileClosed = this.shop.requestsSeen("recommendations");
		for (int call = 1; call <= config.minimumCalls(); call++) {
			assertThat(breaker().state()).isEqualTo("CLOSED");
			assertThat(this.shop.frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
		}
		assertThat(breaker().state()).isEqualTo("OPEN");
		assertThat(this.shop.requestsSeen("recommendations") - seenWhileClosed).isEqualTo(config.minimumCalls());

		long seenWhenOpened = this.shop.requestsSeen("recommendations");
		assertThat(this.shop.frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
		assertThat(this.shop.requestsSeen("recommendations")).as("an open breaker does not call")
			.isEqualTo(seenWhenOpened);
		assertThat(breaker().notPermittedCalls()).isEqualTo(1);

		this.shop.simulate("recommendations", "{\"mode\": \"healthy\"}");
		assertThat(this.shop.frontPage().recommendations().heading()).as("still open").isEqualTo("Best sellers");
		this.clock.advance(config.waitInOpen());
		for (int trial = 1; trial <= config.halfOpenCalls(); trial++) {
			assertThat(this.shop.frontPage().recommendations().heading()).isEqualTo("Recommended for you");
		}
		assertThat(breaker().state()).isEqualTo("CLOSED");
	}

	@Test
	void aGameDayBreaksRecommendationsThroughTheFaultsEndpointWithoutTouchingTheService() {
		CircuitBreakerConfig config = this.registry.circuitBreaker("recommendations").config();
		long seenBefore = this.shop.requestsSeen("recommendations");
		this.actuator.injectFaults("recommendations", Map.of("exception", "java.io.IOException"));
		assertThat(this.actuator.faults()).containsOnlyKeys("recommendations");

		for (int call = 1; call <= config.minimumCalls() + 1; call++) {
			assertThat(this.shop.frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
		}

		assertThat(breaker().state()).isEqualTo("OPEN");
		assertThat(breaker().notPermittedCalls()).isEqualTo(1);
		assertThat(this.shop.requestsSeen("recommendations")).as("the injected failures sent nothing")
			.isEqualTo(seenBefore);
		this.actuator.clearFaults("recommendations");
		assertThat(this.actuator.faults()).isEmpty();
		this.clock.advance(config.waitInOpen());
		for (int trial = 1; trial <= config.halfOpenCalls(); trial++) {
			assertThat(this.shop.frontPage().recommendations().heading()).isEqualTo("Recommended for you");
		}
		assertThat(breaker().state()).isEqualTo("CLOSED");
	}

	@Test
	void healthShowsAnOpenBreakerAsUnknownWhileTheShopStaysUp() {
		assertThat(this.actuator.health().component("circuitBreakers").status()).isEqualTo("UP");
		this.shop.simulate("recommendations", "{\"mode\": \"failing\"}");
		for (int call = 1; call <= this.registry.circuitBreaker("recommendations").config().minimumCalls(); call++) {
			this.shop.frontPage();
		}

		Actuator.Health health = this.actuator.health();

		assertThat(health.status()).as("the shop answers; restarting it would not heal recommendations")
			.isEqualTo("UP");
		Component breakers = health.component("circuitBreakers");
		assertThat(breakers.status()).isEqualTo("UNKNOWN");
		assertThat(breakers.details()).extractingByKey("recommendations")
			.isEqualTo(Map.of("state", "OPEN", "failureRate", 100.0));
	}

	@Test
	void transientInvoiceFailuresAreRetriedWithBackoffAndOnePdfIsGenerated() {
		RetryView before = this.actuator.retry("invoices");
		InvoiceStats statsBefore = this.shop.invoiceStats();
		int sleepsBefore = this.clock.sleeps().size();
		this.shop.simulate("invoices", "{\"mode\": \"failing\", \"status\": 503, \"times\": 2}");

		OrderConfirmation order = this.shop.placeOrder();

		assertThat(order.invoice().orderId()).isEqualTo(order.orderId());
		RetryView after = this.actuator.retry("invoices");
		long retries = after.retryAttempts() - before.retryAttempts();
		assertThat(retries).isGreaterThanOrEqualTo(2);
		assertThat(after.successfulWithRetry() - before.successfulWithRetry()).isEqualTo(1);
		eventually()
			.untilAsserted(() -> assertThat(this.shop.invoiceStats().requestsSeen() - statsBefore.requestsSeen())
				.as("every attempt reached the PDF server")
				.isEqualTo(retries + 1));
		assertThat(this.shop.invoiceStats().pdfsGenerated() - statsBefore.pdfsGenerated()).isEqualTo(1);
		assertThat(keysOf(order)).hasSize(1);
		List<Duration> delays = this.clock.sleeps().subList(sleepsBefore, this.clock.sleeps().size());
		assertThat(delays.get(0)).as("200ms, jitter 50%").isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
		assertThat(delays.get(1)).as("400ms, jitter 50%").isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
	}

	@Test
	void anAttemptThatTimedOutAndTheRetryCarryOneKeyAndMakeOnePdf() {
		long timedOutBefore = this.actuator.timeLimiter("invoices").timedOut();
		InvoiceStats statsBefore = this.shop.invoiceStats();
		this.shop.simulate("invoices", "{\"mode\": \"slow\", \"latencyMs\": 1500, \"times\": 1}");

		OrderConfirmation order = this.shop.placeOrder();

		assertThat(this.actuator.timeLimiter("invoices").timedOut()).isGreaterThan(timedOutBefore);
		eventually()
			.untilAsserted(() -> assertThat(keysOf(order)).singleElement()
				.satisfies((key) -> assertThat(key.requests()).as("the attempt that timed out came in late")
					.isGreaterThanOrEqualTo(2)));
		assertThat(this.shop.invoiceStats().pdfsGenerated() - statsBefore.pdfsGenerated()).isEqualTo(1);
	}

	@Test
	void rateLimitedInvoicesAreRetriedNoEarlierThanRetryAfterSays() {
		int sleepsBefore = this.clock.sleeps().size();
		this.shop.simulate("invoices", "{\"mode\": \"rate-limited\", \"retryAfterSeconds\": 1, \"times\": 1}");

		this.shop.placeOrder();

		assertThat(this.clock.sleeps().subList(sleepsBefore, this.clock.sleeps().size()))
			.anySatisfy((delay) -> assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void aPdfServerThatIsDownSeesNoRequestAndTheOrderFailsAfterEveryAttempt() {
		RetryView before = this.actuator.retry("invoices");
		InvoiceStats statsBefore = this.shop.invoiceStats();
		this.shop.simulate("invoices", "{\"mode\": \"down\"}");

		HttpStatusCode status = this.shop.http()
			.post()
			.uri("/orders")
			.exchange((request, response) -> response.getStatusCode());

		assertThat(status).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		RetryView after = this.actuator.retry("invoices");
		assertThat(after.failedWithRetry() - before.failedWithRetry()).isEqualTo(1);
		assertThat(after.retryAttempts() - before.retryAttempts())
			.isEqualTo(this.registry.retry("invoices").config().maxAttempts() - 1);
		assertThat(this.shop.invoiceStats().requestsSeen()).isEqualTo(statsBefore.requestsSeen());
		assertThat(this.shop.invoiceStats().pdfsGenerated()).isEqualTo(statsBefore.pdfsGenerated());
	}

	@Test
	void aSlowTimeServiceShowsTimeNotAvailable() {
		long timedOutBefore = this.actuator.timeLimiter("time").timedOut();
		this.shop.simulate("time", "{\"mode\": \"slow\", \"latencyMs\": 2000}");

		long start = System.nanoTime();
		FrontPage page = this.shop.frontPage();

		assertThat(page.time()).isEqualTo("Time not available");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
		assertThat(this.actuator.timeLimiter("time").timedOut() - timedOutBefore).isEqualTo(1);
	}

	@Test
	void frontPageIsAlsoHtml() {
		this.shop.simulate("recommendations", "{\"mode\": \"failing\"}");

		String html = this.shop.http().get().uri("/").accept(MediaType.TEXT_HTML).retrieve().body(String.class);

		assertThat(html).contains("<h2>Best sellers</h2>", "<li>Release It!");
	}

	/** Waits for requests that the shop gave up on, but that reach the simulated service late. */
	private static ConditionFactory eventually() {
		return await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5));
	}

	private CircuitBreakerView breaker() {
		return this.actuator.circuitBreaker("recommendations");
	}

	private List<InvoiceStats.Key> keysOf(OrderConfirmation order) {
		return this.shop.invoiceStats()
			.keys()
			.values()
			.stream()
			.filter((key) -> key.orderId().equals(order.orderId()))
			.toList();
	}

}
