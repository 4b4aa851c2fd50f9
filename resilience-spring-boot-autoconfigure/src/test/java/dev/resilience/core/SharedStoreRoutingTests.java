package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry with a shared store hands it the rate limiters configured to keep their state in
 * Redis, with the local limiter to fall back on and the probing breaker; the others stay local,
 * and without a shared store every limiter is local.
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

		@Override
		public RateLimiter rateLimiter(String name, RateLimiterConfig config, CircuitBreaker probe, Clock clock,
				Sleeper sleeper, ResilienceListener listener) {
			RateLimiter limiter = RateLimiter.of(name, config, clock, sleeper, listener);
			this.names.add(name);
			this.probes.add(probe);
			this.made.add(limiter);
			return limiter;
		}

	}

}
