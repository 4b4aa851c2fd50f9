package dev.resilience.actuate;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CircuitBreakersHealthIndicator}.
 */
class CircuitBreakersHealthIndicatorTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	private final CircuitBreakersHealthIndicator indicator = new CircuitBreakersHealthIndicator(this.registry,
			Set.of("payments")::contains);

	@Test
	void upWithoutBreakers() {
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void upWithOneDetailPerBreakerWhileNoneIsOpen() {
		this.registry.circuitBreaker("inventory");
		this.registry.circuitBreaker("pricing").transitionTo(CircuitBreaker.State.DISABLED);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnlyKeys("inventory", "pricing");
		assertThat(health.getDetails().get("inventory"))
			.isEqualTo(Map.of("state", "CLOSED", "failureRate", -1.0f));
		assertThat(health.getDetails().get("pricing")).isEqualTo(Map.of("state", "DISABLED", "failureRate", -1.0f));
	}

	@Test
	void unknownWhenABreakerIsOpen() {
		this.registry.circuitBreaker("inventory").transitionTo(CircuitBreaker.State.FORCED_OPEN);
		this.registry.circuitBreaker("pricing");
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
	}

	@Test
	void downWhenABreakerThatFailsHealthIsOpen() {
		this.registry.circuitBreaker("payments").transitionTo(CircuitBreaker.State.FORCED_OPEN);
		this.registry.circuitBreaker("inventory").transitionTo(CircuitBreaker.State.FORCED_OPEN);
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void upWhenABreakerThatFailsHealthIsClosed() {
		this.registry.circuitBreaker("payments");
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

}
