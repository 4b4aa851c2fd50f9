package dev.resilience.test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.Hedge;
import dev.resilience.core.HedgeConfig;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiter;
import dev.resilience.core.TimeLimiterConfig;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of the assertions over retries, time limiters, concurrency limits, rate limiters and
 * hedges: each passes on the instance's counts and fails naming the instance and both values.
 */
class PolicyAssertTests {

	private static final ResilienceListener NO_LISTENER = new ResilienceListener() {
	};

	private final ManualClock clock = new ManualClock();

	@Test
	void retryAssertReadsTheCountsOfTheRetry() throws Throwable {
		Retry retry = Retry.of("inventory", RetryConfig.builder()
			.maxAttempts(2)
			.budget((budget) -> budget.ratio(0).minPerSecond(1).window(Duration.ofSeconds(1)))
			.build(), this.clock, this.clock, NO_LISTENER);
		retry.execute(() -> "ok");
		retry.execute(new FailingTimes(1));
		catchThrowable(() -> retry.execute(new FailingTimes(2)));
		catchThrowable(() -> retry.execute(() -> {
			throw new IllegalArgumentException("not transient");
		}));
		assertThat(retry).hasSuccessfulCallsWithoutRetry(1)
			.hasSuccessfulCallsWithRetry(1)
			.hasFailedCallsWithRetry(0)
			.hasFailedCallsWithoutRetry(2)
			.hasRetryAttempts(1)
			.hasBudgetExhausted(1)
			.hasExhaustedItsBudget();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(retry).hasRetryAttempts(3))
			.withMessageContaining("Expecting retry 'inventory' to have 3 retry attempts but had 1")
			.withMessageContaining("refused by the budget 1");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(retry).hasNoRetryAttempts())
			.withMessageContaining("to have 0 retry attempts but had 1");
		retry.reset();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(retry).hasExhaustedItsBudget())
			.withMessageContaining("to have at least 1 retries refused by the budget but had 0");
	}

	@Test
	void timeLimiterAssertReadsTheCountsOfTheTimeLimiter() {
		TimeLimiter limiter = TimeLimiter.of("pricing", TimeLimiterConfig.defaults(), Runnable::run,
				DelayScheduler.system(), this.clock, NO_LISTENER);
		limiter.plan(null).onSuccess();
		limiter.plan(null).onTimeout();
		limiter.plan(null).onTimeout();
		assertThat(limiter).hasSuccessfulCalls(1).hasFailedCalls(0).hasTimedOutCalls(2);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(limiter).hasTimedOutCalls(1))
			.withMessageContaining("Expecting time limiter 'pricing' to have 1 timed-out calls but had 2");
	}

	@Test
	void concurrencyLimitAssertReadsTheCountsTheLimitAndTheCallsInFlight() {
		ConcurrencyLimit limit = ConcurrencyLimit.of("reports", ConcurrencyLimitConfig.builder().limit(2).build(),
				this.clock, DelayScheduler.system(), NO_LISTENER);
		long token = limit.tryAcquire();
		limit.tryAcquire();
		catchThrowable(() -> limit.acquire(null));
		assertThat(limit).hasPermittedCalls(2).hasRejectedCalls(1).hasLimit(2).hasCallsInFlight(2);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(limit).hasNoCallsInFlight())
			.withMessageContaining("Expecting concurrency limit 'reports' to have 0 calls in flight but had 2");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(limit).hasLimit(5))
			.withMessageContaining("to have 5 as its limit but had 2");
		limit.release(token);
		assertThat(limit).hasCallsInFlight(1);
	}

	@Test
	void rateLimiterAssertReadsTheCountsAndThePermitsAvailable() {
		RateLimiter limiter = RateLimiter.of("geocoder", RateLimiterConfig.builder()
			.limit(2)
			.period(Duration.ofSeconds(1))
			.maxWait(Duration.ofSeconds(1))
			.build(), this.clock, this.clock, NO_LISTENER);
		limiter.reserve(null);
		assertThat(limiter).hasAvailablePermits(1);
		limiter.reserve(null);
		limiter.reserve(null);
		limiter.reserve(null);
		limiter.reserve(null);
		assertThat(limiter).hasPermittedCalls(4).hasWaitedCalls(2).hasRejectedCalls(1).hasAvailablePermits(0);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(limiter).hasRejectedCalls(0))
			.withMessageContaining("Expecting rate limiter 'geocoder' to have 0 rejected calls but had 1");
	}

	@Test
	void hedgeAssertReadsTheCountsOfTheHedge() {
		Hedge hedge = Hedge.of("prices", HedgeConfig.builder().budget(RetryBudgetConfig.disabled()).build(),
				Runnable::run, DelayScheduler.system(), this.clock, NO_LISTENER);
		hedge.executeAsync((attempt) -> CompletableFuture.completedFuture("ok")).join();
		assertThat(hedge).hasCalls(1).hasHedgesSent(0).hasHedgeWins(0).hasBudgetExhausted(0);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(hedge).hasHedgesSent(1))
			.withMessageContaining("Expecting hedge 'prices' to have 1 hedges sent but had 0");
	}

	/** Fails with an IOException the given number of times, then returns {@code "ok"}. */
	private static final class FailingTimes implements dev.resilience.core.CheckedSupplier<String> {

		private int failuresLeft;

		FailingTimes(int failures) {
			this.failuresLeft = failures;
		}

		@Override
		public String get() throws IOException {
			if (this.failuresLeft-- > 0) {
				throw new IOException("down");
			}
			return "ok";
		}

	}

}
