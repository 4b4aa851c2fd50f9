package dev.resilience.sample.shop;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.sample.shop.OrderController.OrderConfirmation;
import dev.resilience.test.FaultyHttpServerExtension;
import dev.resilience.test.ManualClock;
import dev.resilience.test.ManualResilienceClock;
import dev.resilience.test.RecordedRequest;
import dev.resilience.test.Reply;
import dev.resilience.test.ResetResilience;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop against services that misbehave at the level of HTTP and TCP, which the in-app
 * simulator cannot do: the PDF server and the recommendation service are
 * {@code resilience-spring-boot-test}'s faulty servers, on ports of their own, scripted per test.
 * Time is the kit's manual clock, and every instance is reset between tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ManualResilienceClock
@ResetResilience
class FaultyServicesTests {

	@RegisterExtension
	static FaultyHttpServerExtension invoices = new FaultyHttpServerExtension();

	@RegisterExtension
	static FaultyHttpServerExtension recommendations = new FaultyHttpServerExtension();

	private static final String INVOICE = "{\"number\": \"INV-00042\", \"orderId\": \"o-1\"}";

	@DynamicPropertySource
	static void servicesOnFaultyServers(DynamicPropertyRegistry properties) {
		properties.add("shop.downstream.invoices", invoices::url);
		properties.add("shop.downstream.recommendations", recommendations::url);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private ManualClock clock;

	private Shop shop;

	@BeforeEach
	void shop() {
		this.shop = new Shop(this.port);
	}

	@Test
	void anOrderSurvivesAResetConnectionAndA503WithRetryAfterAndEveryAttemptSendsTheSameKey() {
		invoices.enqueue(Reply.connectionReset(), Reply.status(503).retryAfter(Duration.ofSeconds(2)),
				Reply.ok(INVOICE).header("Content-Type", "application/json"));

		OrderConfirmation order = this.shop.placeOrder();

		assertThat(order.invoice().number()).isEqualTo("INV-00042");
		List<RecordedRequest> attempts = invoices.requests();
		assertThat(attempts).hasSize(3).allSatisfy((attempt) -> assertThat(attempt.method()).isEqualTo("POST"));
		assertThat(attempts).extracting((attempt) -> attempt.header("Idempotency-Key"))
			.as("one key for every attempt of one invoice")
			.doesNotContainNull()
			.containsOnly(attempts.get(0).header("Idempotency-Key"));
		assertThat(this.clock.sleeps()).hasSize(2);
		assertThat(this.clock.sleeps().get(1)).as("the delay the 503 asked for").isEqualTo(Duration.ofSeconds(2));
		assertThat(this.registry.retry("invoices")).hasSuccessfulCallsWithRetry(1).hasRetryAttempts(2);
	}

	@Test
	void malformedAnswersOpenTheRecommendationsBreakerAndThePageShowsBestSellers() {
		CircuitBreakerConfig config = this.registry.circuitBreaker("recommendations").config();
		recommendations.answerByDefault(Reply.malformed());

		for (int call = 1; call <= config.minimumCalls(); call++) {
			assertThat(this.shop.frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
		}
		int requestsWhenOpened = recommendations.requestCount();
		assertThat(this.shop.frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());

		assertThat(this.registry.circuitBreaker("recommendations")).isOpen()
			.hasFailedCalls(config.minimumCalls())
			.hasNotPermittedCalls(1);
		assertThat(recommendations.requestCount()).as("an open breaker sends nothing").isEqualTo(requestsWhenOpened);
	}

	@Test
	void eachTestStartsWithAClosedBreakerAndTheServiceAnswering() {
		recommendations.answerByDefault(
				Reply.ok("[\"Designing Data-Intensive Applications\"]").header("Content-Type", "application/json"));

		assertThat(this.registry.circuitBreaker("recommendations")).isClosed().hasBufferedCalls(0);
		assertThat(this.shop.frontPage().recommendations().heading()).isEqualTo("Recommended for you");
		assertThat(recommendations.takeRequest().query()).isEqualTo("user=ada");
	}

}
