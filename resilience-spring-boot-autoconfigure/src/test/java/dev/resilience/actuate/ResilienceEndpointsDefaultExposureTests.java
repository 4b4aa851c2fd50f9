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
 * With Actuator's defaults nothing of the starter is exposed over the web: no endpoint answers
 * and the write operation cannot change a breaker. Health is exposed, and shows the breakers.
 */
@SpringBootTest(classes = ObservabilityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.health.show-components=always")
@AutoConfigureRestTestClient
class ResilienceEndpointsDefaultExposureTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private ResilienceRegistry registry;

	@Test
	void noEndpointOfTheStarterIsExposedByDefault() {
		for (String path : new String[] { "/actuator/circuitbreakers", "/actuator/circuitbreakers/payments",
				"/actuator/retries", "/actuator/timelimiters", "/actuator/resilienceevents" }) {
			this.client.get().uri(path).exchange().expectStatus().isNotFound();
		}
		this.client.get().uri("/actuator").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$._links.health").exists()
			.jsonPath("$._links.circuitbreakers").doesNotExist()
			.jsonPath("$._links.resilienceevents").doesNotExist();
	}

	@Test
	void writeOperationIsNotReachableByDefault() {
		this.client.post().uri("/actuator/circuitbreakers/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("state", "FORCED_OPEN"))
			.exchange()
			.expectStatus().is4xxClientError();
		assertThat(this.registry.circuitBreaker("payments").state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void healthShowsTheCircuitBreakersComponent() {
		this.client.get().uri("/actuator/health").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.components.circuitBreakers.status").isEqualTo("UP");
	}

}
