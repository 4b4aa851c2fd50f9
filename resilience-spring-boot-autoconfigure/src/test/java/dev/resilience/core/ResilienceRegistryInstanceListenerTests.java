package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceRegistry.InstanceListener}: each instance is announced once, when it
 * is created and can already be found.
 */
class ResilienceRegistryInstanceListenerTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	@Test
	void announcesEachNewInstanceOnce() {
		List<String> created = new ArrayList<>();
		ResilienceRegistry registry = this.registry;
		registry.addInstanceListener(new ResilienceRegistry.InstanceListener() {

			@Override
			public void onCircuitBreakerCreated(CircuitBreaker circuitBreaker) {
				created.add("circuitbreaker " + circuitBreaker.name());
				assertThat(registry.findCircuitBreaker(circuitBreaker.name())).containsSame(circuitBreaker);
			}

			@Override
			public void onRetryCreated(Retry retry) {
				created.add("retry " + retry.name());
			}

			@Override
			public void onTimeLimiterCreated(TimeLimiter timeLimiter) {
				created.add("timelimiter " + timeLimiter.name());
			}

		});
		this.registry.circuitBreaker("inventory");
		this.registry.circuitBreaker("inventory");
		this.registry.retry("inventory");
		this.registry.retry("inventory");
		this.registry.timeLimiter("pricing");
		assertThat(created).containsExactly("circuitbreaker inventory", "retry inventory", "timelimiter pricing");
	}

	@Test
	void doesNotAnnounceInstancesCreatedBeforeSubscribing() {
		this.registry.circuitBreaker("inventory");
		List<String> created = new ArrayList<>();
		this.registry.addInstanceListener(new ResilienceRegistry.InstanceListener() {

			@Override
			public void onCircuitBreakerCreated(CircuitBreaker circuitBreaker) {
				created.add(circuitBreaker.name());
			}

		});
		this.registry.circuitBreaker("inventory");
		this.registry.circuitBreaker("pricing");
		assertThat(created).containsExactly("pricing");
	}

	@Test
	void throwingListenerDoesNotKeepTheInstanceFromItsCaller() {
		this.registry.addInstanceListener(new ResilienceRegistry.InstanceListener() {

			@Override
			public void onRetryCreated(Retry retry) {
				throw new IllegalStateException("broken listener");
			}

		});
		Retry retry = this.registry.retry("inventory");
		assertThat(this.registry.retry("inventory")).isSameAs(retry);
	}

}
