package dev.resilience.actuate;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.resilience.actuate.ObservabilityTestApplication.Catalog;
import dev.resilience.actuate.ObservabilityTestApplication.Inventory;
import dev.resilience.actuate.ObservabilityTestApplication.Pricing;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints, health and meters of a running web application, read over real HTTP while
 * annotated beans are called.
 */
@SpringBootTest(classes = ObservabilityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"management.endpoints.web.exposure.include=health,metrics,circuitbreakers,retries,timelimiters,resilienceevents",
				"management.endpoint.health.show-details=always",
				"resilience.circuit-breaker.instances.payments.health-fails-when-open=true" })
@AutoConfigureRestTestClient
class ResilienceEndpointsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Inventory inventory;

	@Autowired
	private Pricing pricing;

	@Autowired
	private Catalog catalog;

	@BeforeEach
	void closeEveryBreaker() {
		for (CircuitBreaker breaker : this.registry.circuitBreakers()) {
			if (breaker.state() != CircuitBreaker.State.CLOSED) {
				breaker.transitionTo(CircuitBreaker.State.CLOSED);
			}
		}
	}

	@Test
	void endpointsShowWhatAnnotatedBeansDid() throws IOException {
		this.inventory.failNext(1);
		assertThat(this.inventory.load("sku-1")).isEqualTo("sku-1:in-stock");
		this.inventory.failNext(100);
		assertThat(this.inventory.load("sku-2")).isEqualTo("sku-2:cached");
		assertThat(this.pricing.price()).isEqualTo("9.99");

		this.client.get().uri("/actuator/circuitbreakers").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.circuitBreakers.inventory.state").isEqualTo("OPEN")
			.jsonPath("$.circuitBreakers.inventory.failureRate").isEqualTo(75.0)
			.jsonPath("$.circuitBreakers.inventory.slowCallRate").isEqualTo(0.0)
			.jsonPath("$.circuitBreakers.inventory.bufferedCalls").isEqualTo(4)
			.jsonPath("$.circuitBreakers.inventory.failedCalls").isEqualTo(3)
			.jsonPath("$.circuitBreakers.inventory.slowCalls").isEqualTo(0)
			.jsonPath("$.circuitBreakers.inventory.notPermittedCalls").isEqualTo(1)
			.jsonPath("$.circuitBreakers.payments.state").isEqualTo("CLOSED")
			.jsonPath("$.circuitBreakers.payments.failureRate").isEqualTo(-1.0);
		this.client.get().uri("/actuator/retries/inventory").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.successfulWithoutRetry").isEqualTo(0)
			.jsonPath("$.successfulWithRetry").isEqualTo(1)
			.jsonPath("$.failedWithRetry").isEqualTo(1)
			.jsonPath("$.failedWithoutRetry").isEqualTo(0)
			.jsonPath("$.retryAttempts").isEqualTo(3)
			.jsonPath("$.store").isEqualTo("local");
		this.client.get().uri("/actuator/timelimiters").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.timeLimiters.pricing.successful").isEqualTo(1)
			.jsonPath("$.timeLimiters.pricing.failed").isEqualTo(0)
			.jsonPath("$.timeLimiters.pricing.timedOut").isEqualTo(0);
		// Other tests force this breaker open and closed again: the last four events are this test's.
		// The two first retries, less than a second apart, are folded into one event.
		this.client.get().uri("/actuator/resilienceevents?name=inventory").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.events[-4:].type").isEqualTo(List.of("RETRY", "STATE_TRANSITION", "RETRY", "REJECTED"))
			.jsonPath("$.events[-4:].detail").isEqualTo(List.of(
					"attempt 1 failed with java.io.IOException, retrying in 100ms (2 retries)", "CLOSED -> OPEN",
					"attempt 2 failed with java.io.IOException, retrying in 200ms", "call not permitted"))
			.jsonPath("$.events[-4:].kind").isEqualTo(List.of("retry", "circuitbreaker", "retry", "circuitbreaker"))
			.jsonPath("$.events[-1].time").isNotEmpty();
		this.client.get().uri("/actuator/resilienceevents?name=Inventory.load").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.events[0].kind").isEqualTo("fallback")
			.jsonPath("$.events[0].type").isEqualTo("FALLBACK")
			.jsonPath("$.events[0].detail").isEqualTo("fallback answered dev.resilience.core.CallNotPermittedException");

		assertThat(this.meters.get("resilience.retry.calls").tags("name", "inventory", "kind", "successful_with_retry")
			.counter().count()).isEqualTo(1);
		assertThat(this.meters.get("resilience.circuitbreaker.calls").tags("name", "inventory", "outcome", "rejected")
			.timer().count()).isEqualTo(1);
		assertThat(this.meters.get("resilience.circuitbreaker.state").tags("name", "inventory", "state", "open")
			.gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("resilience.fallback.calls")
			.tags("name", "Inventory.load", "cause", "CallNotPermittedException").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("resilience.timelimiter.calls").tags("name", "pricing", "outcome", "success")
			.counter().count()).isEqualTo(1);
	}

	@Test
	void noEndpointShowsExceptionMessages() throws IOException {
		for (int i = 0; i < 3; i++) {
			assertThat(this.catalog.load("sku-3")).isEmpty();
		}
		for (String path : new String[] { "/actuator/circuitbreakers", "/actuator/retries", "/actuator/timelimiters",
				"/actuator/resilienceevents", "/actuator/health" }) {
			String body = this.client.get().uri(path).exchange().returnResult(String.class).getResponseBody();
			assertThat(body).as(path).isNotBlank().doesNotContain("hunter2").doesNotContain("password");
		}
	}

	@Test
	void metersOfInstancesThatWereNeverCalledShowZero() {
		assertThat(this.meters.get("resilience.retry.calls").tags("name", "quotes", "kind", "successful_without_retry")
			.counter().count()).isZero();
		this.client.get().uri("/actuator/metrics/resilience.retry.calls?tag=name:quotes").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value").isEqualTo(0.0);
		this.client.get().uri("/actuator/retries/quotes").exchange()
			.expectStatus().isOk()
			.expectBody()
			.json("""
					{"successfulWithoutRetry": 0, "successfulWithRetry": 0, "failedWithRetry": 0,
					"failedWithoutRetry": 0, "retryAttempts": 0}""");
	}

	@Test
	void readingAnUnknownInstanceAnswersNotFound() {
		this.client.get().uri("/actuator/circuitbreakers/nope").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/retries/nope").exchange().expectStatus().isNotFound();
	}

	@Test
	void writeOperationForcesABreakerOpenAndClosesItAgain() {
		double forcedOpenBefore = forcedOpenTransitions("payments");
		this.client.post().uri("/actuator/circuitbreakers/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("state", "FORCED_OPEN"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.state").isEqualTo("FORCED_OPEN");
		this.client.get().uri("/actuator/circuitbreakers/payments").exchange()
			.expectBody().jsonPath("$.state").isEqualTo("FORCED_OPEN");
		assertThat(this.registry.findCircuitBreaker("payments")).get()
			.extracting(CircuitBreaker::state).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
		this.client.post().uri("/actuator/circuitbreakers/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("state", "CLOSED"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.state").isEqualTo("CLOSED");
		assertThat(forcedOpenTransitions("payments")).isEqualTo(forcedOpenBefore + 1);
	}

	private double forcedOpenTransitions(String name) {
		var counter = this.meters.find("resilience.circuitbreaker.transitions")
			.tags("name", name, "from", "closed", "to", "forced_open")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void writeOperationRejectsStatesOperatorsCannotSet() {
		for (String state : new String[] { "OPEN", "HALF_OPEN", "closed", "" }) {
			this.client.post().uri("/actuator/circuitbreakers/payments")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("state", state))
				.exchange()
				.expectStatus().isBadRequest();
		}
		this.client.post().uri("/actuator/circuitbreakers/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of())
			.exchange()
			.expectStatus().isBadRequest();
		this.client.post().uri("/actuator/circuitbreakers/nope")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("state", "CLOSED"))
			.exchange()
			.expectStatus().isBadRequest();
		assertThat(this.registry.findCircuitBreaker("nope")).isEmpty();
	}

	@Test
	void healthIsUnknownWhenABreakerIsOpenAndStaysUpOverall() {
		this.registry.circuitBreaker("inventory").transitionTo(CircuitBreaker.State.FORCED_OPEN);
		this.client.get().uri("/actuator/health").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.circuitBreakers.status").isEqualTo("UNKNOWN")
			.jsonPath("$.components.circuitBreakers.details.inventory.state").isEqualTo("FORCED_OPEN")
			.jsonPath("$.components.circuitBreakers.details.payments.state").isEqualTo("CLOSED")
			.jsonPath("$.components.circuitBreakers.details.payments.failureRate").isEqualTo(-1.0);
	}

	@Test
	void healthIsDownWhenABreakerThatFailsHealthIsOpen() {
		this.registry.circuitBreaker("payments").transitionTo(CircuitBreaker.State.FORCED_OPEN);
		this.client.get().uri("/actuator/health").exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.status").isEqualTo("DOWN")
			.jsonPath("$.components.circuitBreakers.status").isEqualTo("DOWN");
	}

}
