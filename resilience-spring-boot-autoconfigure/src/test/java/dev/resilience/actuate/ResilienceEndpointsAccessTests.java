package dev.resilience.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exposed {@code circuitbreakers} endpoint whose access is {@code read-only}: it can be read,
 * and its write operation cannot change a breaker. With {@code health} turned off for breakers,
 * health has no {@code circuitBreakers} component.
 */
@SpringBootTest(classes = ObservabilityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,circuitbreakers",
				"management.endpoint.circuitbreakers.access=read-only",
				"management.endpoint.health.show-components=always",
				"management.health.circuitbreakers.enabled=false" })
@AutoConfigureRestTestClient
class ResilienceEndpointsAccessTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private ResilienceRegistry registry;

	@Test
	void readOnlyEndpointCanBeRead() {
		this.client.get().uri("/actuator/circuitbreakers/payments").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.state").isEqualTo("CLOSED");
	}

	@Test
	void readOnlyEndpointRefusesTheWriteOperation() {
		this.client.post().uri("/actuator/circuitbreakers/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("state", "FORCED_OPEN"))
			.exchange()
			.expectStatus().is4xxClientError();
		assertThat(this.registry.circuitBreaker("payments").state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void disabledHealthIndicatorLeavesNoComponent() {
		this.client.get().uri("/actuator/health").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.components.circuitBreakers").doesNotExist()
			.jsonPath("$.components.ping").exists();
	}

}
