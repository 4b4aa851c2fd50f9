package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceRegistry.InstanceListener}: each instance is announced once, when it
 * is created and can already be found, and once when it is removed and can no longer be found.
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

			@Override
			public void onHedgeCreated(Hedge hedge) {
				created.add("hedge " + hedge.name());
				assertThat(registry.findHedge(hedge.name())).containsSame(hedge);
			}

		});
		this.registry.circuitBreaker("inventory");
		this.registry.circuitBreaker("inventory");
		this.registry.retry("inventory");
		this.registry.retry("inventory");
		this.registry.timeLimiter("pricing");
		this.registry.hedge("prices");
		this.registry.hedge("prices");
		assertThat(created).containsExactly("circuitbreaker inventory", "retry inventory", "timelimiter pricing",
				"hedge prices");
		assertThat(this.registry.hedges()).extracting(Hedge::name).containsExactly("prices");
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
	void announcesEachRemovalOnceAfterTheInstanceCanNoLongerBeFound() {
		List<String> removed = new ArrayList<>();
		ResilienceRegistry registry = this.registry;
		CircuitBreaker breaker = registry.circuitBreaker("inventory");
		Retry retry = registry.retry("inventory");
		TimeLimiter limiter = registry.timeLimiter("inventory");
		registry.addInstanceListener(new ResilienceRegistry.InstanceListener() {

			@Override
			public void onCircuitBreakerRemoved(CircuitBreaker circuitBreaker) {
				removed.add("circuitbreaker " + circuitBreaker.name());
				assertThat(registry.findCircuitBreaker(circuitBreaker.name())).isEmpty();
				assertThat(registry.circuitBreakers()).doesNotContain(circuitBreaker);
			}

			@Override
			public void onRetryRemoved(Retry retry) {
				removed.add("retry " + retry.name());
			}

			@Override
			public void onTimeLimiterRemoved(TimeLimiter timeLimiter) {
				removed.add("timelimiter " + timeLimiter.name());
			}

		});
		assertThat(registry.removeCircuitBreaker(breaker)).isTrue();
		assertThat(registry.removeCircuitBreaker(breaker)).isFalse();
		assertThat(registry.removeRetry(retry)).isTrue();
		assertThat(registry.removeTimeLimiter(limiter)).isTrue();
		assertThat(removed).containsExactly("circuitbreaker inventory", "retry inventory", "timelimiter inventory");
		assertThat(registry.retries()).isEmpty();
		assertThat(registry.timeLimiters()).isEmpty();
	}

	@Test
	void removingAnInstanceThatWasReplacedLeavesItsSuccessor() {
		CircuitBreaker first = this.registry.circuitBreaker("inventory");
		this.registry.removeCircuitBreaker(first);
		CircuitBreaker second = this.registry.circuitBreaker("inventory");
		assertThat(second).isNotSameAs(first);
		assertThat(this.registry.removeCircuitBreaker(first)).isFalse();
		assertThat(this.registry.findCircuitBreaker("inventory")).containsSame(second);
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
