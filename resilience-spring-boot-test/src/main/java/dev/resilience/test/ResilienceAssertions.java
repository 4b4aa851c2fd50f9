package dev.resilience.test;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.Hedge;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimiter;

/**
 * Entry point of the AssertJ assertions over the instances of a
 * {@link dev.resilience.core.ResilienceRegistry}, such as
 * {@code assertThat(registry.circuitBreaker("inventory")).isOpen()}. The methods may be imported
 * statically beside AssertJ's own {@code Assertions.assertThat}: the more specific overload wins.
 *
 * <p>The assertions read only the public state of the instances ({@code state()},
 * {@code metrics()} and the like); a failure names the instance, the value expected and the value
 * found, and shows the instance's metrics.
 *
 * @since 0.3.0
 */
public final class ResilienceAssertions {

	private ResilienceAssertions() {
	}

	/**
	 * Starts assertions over a circuit breaker.
	 * @param actual the circuit breaker
	 * @return the assertions
	 */
	public static CircuitBreakerAssert assertThat(CircuitBreaker actual) {
		return new CircuitBreakerAssert(actual);
	}

	/**
	 * Starts assertions over a retry.
	 * @param actual the retry
	 * @return the assertions
	 */
	public static RetryAssert assertThat(Retry actual) {
		return new RetryAssert(actual);
	}

	/**
	 * Starts assertions over a time limiter.
	 * @param actual the time limiter
	 * @return the assertions
	 */
	public static TimeLimiterAssert assertThat(TimeLimiter actual) {
		return new TimeLimiterAssert(actual);
	}

	/**
	 * Starts assertions over a concurrency limit.
	 * @param actual the concurrency limit
	 * @return the assertions
	 */
	public static ConcurrencyLimitAssert assertThat(ConcurrencyLimit actual) {
		return new ConcurrencyLimitAssert(actual);
	}

	/**
	 * Starts assertions over a rate limiter.
	 * @param actual the rate limiter
	 * @return the assertions
	 */
	public static RateLimiterAssert assertThat(RateLimiter actual) {
		return new RateLimiterAssert(actual);
	}

	/**
	 * Starts assertions over a hedge.
	 * @param actual the hedge
	 * @return the assertions
	 */
	public static HedgeAssert assertThat(Hedge actual) {
		return new HedgeAssert(actual);
	}

}
