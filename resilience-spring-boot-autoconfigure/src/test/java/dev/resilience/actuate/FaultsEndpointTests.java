package dev.resilience.actuate;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code faults} endpoint over real HTTP, with faults enabled: faults configured in
 * properties show, a {@code POST} sets faults that the next call gets, as the meter
 * {@code resilience.faults.injected} and the events of kind {@code fault} tell, a {@code DELETE}
 * clears them, and a value out of range is refused with 400.
 */
@SpringBootTest(classes = FaultsEndpointTests.FaultsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=faults,resilienceevents",
				"resilience.faults.enabled=true", "resilience.faults.instances.[api.example.com].status=503",
				"resilience.faults.instances.[api.example.com].status-rate=0.5",
				"resilience.faults.instances.[api.example.com].retry-after=2s" })
@AutoConfigureRestTestClient
class FaultsEndpointTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Prices prices;

	@AfterEach
	void clearPrices() {
		this.client.delete().uri("/actuator/faults/prices").exchange().expectStatus().is2xxSuccessful();
	}

	@Test
	void showsTheFaultsConfiguredLeavingOutThoseNotSet() {
		this.client.get().uri("/actuator/faults").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.faults['api.example.com'].status").isEqualTo(503)
			.jsonPath("$.faults['api.example.com'].statusRate").isEqualTo(0.5)
			.jsonPath("$.faults['api.example.com'].retryAfter").isEqualTo("2s")
			.jsonPath("$.faults['api.example.com'].latency").doesNotExist()
			.jsonPath("$.faults['api.example.com'].exceptionRate").doesNotExist()
			.jsonPath("$.faults.prices").doesNotExist();
		this.client.get().uri("/actuator/faults/prices").exchange().expectStatus().isNotFound();
	}

	@Test
	void aFaultSetOverHttpIsInjectedIntoTheNextCallsUntilItIsCleared() {
		assertThat(this.prices.price()).isEqualTo("9.99");

		this.client.post().uri("/actuator/faults/prices")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("exception", "java.io.IOException"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.exception").isEqualTo("java.io.IOException")
			.jsonPath("$.exceptionRate").isEqualTo(1.0);
		assertThat(this.prices.price()).isEqualTo("price unknown after IOException");
		assertThat(this.prices.price()).isEqualTo("price unknown after IOException");
		assertThat(this.meters.get("resilience.faults.injected").tags("name", "prices", "fault", "exception")
			.counter()
			.count()).isEqualTo(2);
		this.client.get().uri("/actuator/resilienceevents?name=prices").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.events[*].kind").isEqualTo(List.of("fault"))
			.jsonPath("$.events[*].type").isEqualTo(List.of("INJECTED"))
			.jsonPath("$.events[0].detail").isEqualTo("exception injected (2 faults)");

		this.client.delete().uri("/actuator/faults/prices").exchange().expectStatus().isNoContent();
		assertThat(this.prices.price()).isEqualTo("9.99");
		this.client.get().uri("/actuator/faults/prices").exchange().expectStatus().isNotFound();
	}

	@Test
	void latencyAndRatesAreSetWithTheirUnits() {
		this.client.post().uri("/actuator/faults/prices")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("latency", "1500ms", "latencyRate", 0.25))
			.exchange()
			.expectStatus().isOk();

		this.client.get().uri("/actuator/faults/prices").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.latency").isEqualTo("1500ms")
			.jsonPath("$.latencyRate").isEqualTo(0.25);
	}

	@Test
	void valuesOutOfRangeAreRefusedAndChangeNothing() {
		for (Map<String, Object> invalid : List.<Map<String, Object>>of(Map.of("status", 200),
				Map.of("exception", "com.example.NoSuchException"), Map.of("exception", "java.lang.String"),
				Map.of("latency", "soon"), Map.of("exception", "java.io.IOException", "exceptionRate", 2))) {
			this.client.post().uri("/actuator/faults/prices")
				.contentType(MediaType.APPLICATION_JSON)
				.body(invalid)
				.exchange()
				.expectStatus().isBadRequest();
		}
		this.client.get().uri("/actuator/faults/prices").exchange().expectStatus().isNotFound();
		assertThat(this.prices.price()).isEqualTo("9.99");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FaultsApplication {

		@Bean
		ManualClock manualClock() {
			return new ManualClock();
		}

		@Bean
		Prices prices() {
			return new Prices();
		}

	}

	public static class Prices {

		@Retryable(name = "prices", maxAttempts = 1)
		@Fallback(method = "unknown")
		public String price() {
			return "9.99";
		}

		String unknown(Throwable failure) {
			return "price unknown after " + failure.getClass().getSimpleName();
		}

	}

}
