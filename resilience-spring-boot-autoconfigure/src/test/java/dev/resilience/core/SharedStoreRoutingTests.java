package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry with a shared store hands it the rate limiters and retry budgets configured to keep
 * their state in Redis, with the probing breaker; the others stay local, and without a shared
 * store every limiter and budget is local.
 */
class SharedStoreRoutingTests {

	private final ManualClock clock = new ManualClock();

	private final RecordingStore store = new RecordingStore();

	@Test
	void rateLimiterConfiguredForRedisIsMadeByTheSharedStore() {
		ResilienceRegistry registry = registry(this.store);
		RateLimiter shared = registry.rateLimiter("geocoder", (builder) -> builder.limit(5).store(Store.REDIS));
		assertThat(shared).isSameAs(this.store.made.get(0));
		assertThat(this.store.names).containsExactly("geocoder");
		assertThat(shared.config().limit()).isEqualTo(5);
		assertThat(this.store.probes.get(0).name()).isEqualTo(SharedStore.PROBE_NAME);
		assertThat(registry.findCircuitBreaker(SharedStore.PROBE_NAME)).isPresent();
	}

	@Test
	void localRateLimiterIsNotMadeByTheSharedStore() {
		ResilienceRegistry registry = registry(this.store);
		RateLimiter local = registry.rateLimiter("search", (builder) -> builder.limit(5));
		assertThat(this.store.names).isEmpty();
		assertThat(local.store()).isEqualTo("local");
	}

	@Test
	void withoutASharedStoreARedisRateLimiterIsLocal() {
		ResilienceRegistry registry = registry(null);
		RateLimiter limiter = registry.rateLimiter("geocoder", (builder) -> builder.store(Store.REDIS));
		assertThat(limiter.store()).isEqualTo("local");
		assertThat(limiter.config().store()).isEqualTo(Store.REDIS);
	}

	@Test
	void retryBudgetConfiguredForRedisIsMadeByTheSharedStoreAndCapsTheRetry() throws Throwable {
		ResilienceRegistry registry = registry(this.store);
		Retry retry = registry.retry("inventory", (builder) -> builder.maxAttempts(3)
			.delay(Duration.ofMillis(1))
			.budget((budget) -> budget.store(Store.REDIS)));
		assertThat(this.store.budgetNames).containsExactly("inventory");
		assertThat(this.store.probes.get(0).name()).isEqualTo(SharedStore.PROBE_NAME);
		assertThat(retry.execute(() -> "ok")).isEqualTo("ok");
		assertThat(this.store.firstAttempts).hasValue(1);
	}

	@Test
	void localOrDisabledRetryBudgetIsNotMadeByTheSharedStore() {
		ResilienceRegistry registry = registry(this.store);
		registry.retry("search");
		registry.retry("orders", (builder) -> builder.budget((budget) -> budget.store(Store.REDIS).enabled(false)));
		assertThat(this.store.budgetNames).isEmpty();
	}

	@Test
	void withoutASharedStoreARedisRetryBudgetIsLocal() {
		ResilienceRegistry registry = registry(null);
		Retry retry = registry.retry("inventory", (builder) -> builder.budget((budget) -> budget.store(Store.REDIS)));
		assertThat(retry.config().budget().store()).isEqualTo(Store.REDIS);
		assertThat(registry.findCircuitBreaker(SharedStore.PROBE_NAME)).isEmpty();
	}

	private ResilienceRegistry registry(SharedStore sharedStore) {
		return new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock, Runnable::run,
				new ManualScheduler(this.clock), sharedStore);
	}

	/**
	 * Records what it was asked for and answers with a local limiter.
	 */
	private static final class RecordingStore implements SharedStore {

		final List<String> names = new ArrayList<>();

		final List<CircuitBreaker> probes = new ArrayList<>();

		final List<RateLimiter> made = new ArrayList<>();

		final List<String> budgetNames = new ArrayList<>();

		final AtomicInteger firstAttempts = new AtomicInteger();

		@Override
		public RateLimiter rateLimiter(String name, RateLimiterConfig config, CircuitBreaker probe, Clock clock,
				Sleeper sleeper, ResilienceListener listener) {
			RateLimiter limiter = RateLimiter.of(name, config, clock, sleeper, listener);
			this.names.add(name);
			this.probes.add(probe);
			this.made.add(limiter);
			return limiter;
		}

		@Override
		public RetryBudget retryBudget(String name, RetryBudgetConfig config, CircuitBreaker probe, Clock clock,
				ResilienceListener listener) {
			this.budgetNames.add(name);
			this.probes.add(probe);
			RetryBudget local = RetryBudget.of(config, clock);
			return new RetryBudget() {

				@Override
				public void recordFirstAttempt() {
					RecordingStore.this.firstAttempts.incrementAndGet();
					local.recordFirstAttempt();
				}

				@Override
				public boolean tryAcquireRetry() {
					return local.tryAcquireRetry();
				}

				@Override
				public boolean hasRoomForRetry() {
					return local.hasRoomForRetry();
				}

				@Override
				public long exhausted() {
					return local.exhausted();
				}

			};
		}

	}

}
