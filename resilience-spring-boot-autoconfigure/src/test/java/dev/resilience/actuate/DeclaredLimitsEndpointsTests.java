package dev.resilience.actuate;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.RateLimited;
import dev.resilience.core.LimitExceededException;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code concurrencylimits} and {@code ratelimiters} endpoints, the meters and the events of
 * both limits, read over real HTTP while annotated beans are called. Time comes from a manual
 * clock, so the rolling window does not move.
 */
@SpringBootTest(classes = DeclaredLimitsEndpointsTests.LimitsApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"management.endpoints.web.exposure.include=concurrencylimits,ratelimiters,resilienceevents",
				"resilience.concurrency-limit.instances.slots.limit=1",
				"resilience.concurrency-limit.instances.measured.adaptive=true",
				"resilience.concurrency-limit.instances.measured.limit=20",
				"resilience.concurrency-limit.instances.measured.max-limit=50",
				"resilience.rate-limiter.instances.quota.limit=2", "resilience.rate-limiter.instances.quota.period=1m" })
@AutoConfigureRestTestClient
class DeclaredLimitsEndpointsTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Limited limited;

	@Test
	void concurrencyLimitsShowLimitInFlightAndCallsAndMeterThem() {
		CompletableFuture<String> held = new CompletableFuture<>();
		CompletableFuture<String> first = this.limited.slot(held);
		assertThat(this.limited.slot(new CompletableFuture<>())).isCompletedExceptionally();
		this.limited.measured();

		this.client.get().uri("/actuator/concurrencylimits").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.concurrencyLimits.slots.limit").isEqualTo(1)
			.jsonPath("$.concurrencyLimits.slots.inFlight").isEqualTo(1)
			.jsonPath("$.concurrencyLimits.slots.adaptive").isEqualTo(false)
			.jsonPath("$.concurrencyLimits.slots.permittedCalls").isEqualTo(1)
			.jsonPath("$.concurrencyLimits.slots.rejectedCalls").isEqualTo(1)
			.jsonPath("$.concurrencyLimits.measured.adaptive").isEqualTo(true)
			.jsonPath("$.concurrencyLimits.measured.limit").isEqualTo(20);
		assertThat(this.meters.get("resilience.concurrencylimit.inflight").tag("name", "slots").gauge().value())
			.isEqualTo(1);
		assertThat(this.meters.get("resilience.concurrencylimit.limit").tag("name", "measured").gauge().value())
			.isEqualTo(20);
		assertThat(this.meters.get("resilience.concurrencylimit.calls")
			.tags("name", "slots", "outcome", "permitted")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("resilience.concurrencylimit.calls")
			.tags("name", "slots", "outcome", "rejected")
			.counter()
			.count()).isEqualTo(1);

		held.complete("done");
		assertThat(first).isCompletedWithValue("done");
		this.client.get().uri("/actuator/concurrencylimits/slots").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.inFlight").isEqualTo(0);
		this.client.get().uri("/actuator/concurrencylimits/unknown").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/resilienceevents?name=slots").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.events[*].kind").isEqualTo(List.of("concurrencylimit"))
			.jsonPath("$.events[*].type").isEqualTo(List.of("REJECTED"));
	}

	@Test
	void rateLimitersShowTheWindowAndCallsAndMeterThem() {
		this.limited.quota();
		this.limited.quota();
		assertThatExceptionOfType(LimitExceededException.class).isThrownBy(this.limited::quota);

		this.client.get().uri("/actuator/ratelimiters").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.rateLimiters.quota.limit").isEqualTo(2)
			.jsonPath("$.rateLimiters.quota.period").isEqualTo("1m")
			.jsonPath("$.rateLimiters.quota.available").isEqualTo(0)
			.jsonPath("$.rateLimiters.quota.permittedCalls").isEqualTo(2)
			.jsonPath("$.rateLimiters.quota.rejectedCalls").isEqualTo(1)
			.jsonPath("$.rateLimiters.quota.store").isEqualTo("local");
		this.client.get().uri("/actuator/ratelimiters/quota").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.limit").isEqualTo(2);
		this.client.get().uri("/actuator/ratelimiters/unknown").exchange().expectStatus().isNotFound();
		assertThat(this.meters.get("resilience.ratelimiter.available").tag("name", "quota").gauge().value()).isZero();
		assertThat(this.meters.get("resilience.ratelimiter.calls")
			.tags("name", "quota", "outcome", "permitted")
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.meters.get("resilience.ratelimiter.calls")
			.tags("name", "quota", "outcome", "waited")
			.counter()
			.count()).isZero();
		assertThat(this.meters.get("resilience.ratelimiter.calls")
			.tags("name", "quota", "outcome", "rejected")
			.counter()
			.count()).isEqualTo(1);
		this.client.get().uri("/actuator/resilienceevents?name=quota").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.events[*].kind").isEqualTo(List.of("ratelimiter"))
			.jsonPath("$.events[*].type").isEqualTo(List.of("REJECTED"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LimitsApplication {

		@Bean
		ManualClock manualClock() {
			return new ManualClock();
		}

		@Bean
		Limited limited() {
			return new Limited();
		}

	}

	static class Limited {

		@ConcurrencyLimited(name = "slots")
		public CompletableFuture<String> slot(CompletableFuture<String> body) {
			return body;
		}

		@ConcurrencyLimited(name = "measured")
		public String measured() {
			return "measured";
		}

		@RateLimited(name = "quota")
		public String quota() {
			return "answered";
		}

	}

}
