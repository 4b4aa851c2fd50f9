package dev.resilience.core;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ResilienceRegistry#reset()}: every instance it holds is reset, and stays the
 * instance of its name.
 */
class ResilienceRegistryResetTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run, new ManualScheduler(this.clock));

	@Test
	void resetsEveryInstanceAndKeepsThem() throws Throwable {
		CircuitBreaker breaker = this.registry.circuitBreaker("inventory",
				(builder) -> builder.minimumCalls(1).slidingWindowSize(1));
		Retry retry = this.registry.retry("inventory", (builder) -> builder.maxAttempts(2));
		TimeLimiter timeLimiter = this.registry.timeLimiter("inventory");
		ConcurrencyLimit concurrencyLimit = this.registry.concurrencyLimit("inventory", (builder) -> builder.limit(1));
		RateLimiter rateLimiter = this.registry.rateLimiter("inventory", (builder) -> builder.limit(1));
		Hedge hedge = this.registry.hedge("inventory");

		catchThrowable(() -> breaker.execute(() -> {
			throw new IOException();
		}));
		retry.execute(new RetryTests.Attempts(new IOException()));
		timeLimiter.plan(null).onTimeout();
		long token = concurrencyLimit.tryAcquire();
		rateLimiter.reserve(null);
		hedge.executeAsync((attempt) -> CompletableFuture.completedFuture("ok"));

		this.registry.reset();

		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.metrics().bufferedCalls()).isZero();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 0, 0, 0));
		assertThat(timeLimiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 0));
		assertThat(concurrencyLimit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(0, 0));
		assertThat(concurrencyLimit.inFlight()).as("calls in flight keep their slots").isOne();
		assertThat(rateLimiter.metrics()).isEqualTo(new RateLimiter.Metrics(0, 0, 0));
		assertThat(rateLimiter.available()).isOne();
		assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(0, 0, 0, 0));
		assertThat(this.registry.circuitBreaker("inventory")).isSameAs(breaker);
		assertThat(this.registry.retry("inventory")).isSameAs(retry);
		assertThat(this.registry.rateLimiter("inventory")).isSameAs(rateLimiter);
		concurrencyLimit.release(token);
	}

	@Test
	void resetOfAnEmptyRegistryDoesNothing() {
		this.registry.reset();
		assertThat(this.registry.circuitBreakers()).isEmpty();
	}

}
