package dev.resilience.test;

import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiter.Metrics;

/**
 * Assertions over a {@link RateLimiter}: the counts of {@link RateLimiter#metrics()}, since
 * start-up or the last reset, and the calls that could start now.
 *
 * <p>Not thread-safe, as AssertJ assertions are not.
 *
 * @since 0.3.0
 */
public final class RateLimiterAssert extends AbstractInstanceAssert<RateLimiterAssert, RateLimiter> {

	RateLimiterAssert(RateLimiter actual) {
		super(actual, RateLimiterAssert.class);
	}

	/**
	 * Checks the calls given a start, at once or after waiting for their turn.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RateLimiterAssert hasPermittedCalls(long expected) {
		isNotNull();
		return has("permitted calls", expected, this.actual.metrics().permittedCalls());
	}

	/**
	 * Checks the permitted calls that waited for their turn.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RateLimiterAssert hasWaitedCalls(long expected) {
		isNotNull();
		return has("calls that waited", expected, this.actual.metrics().waitedCalls());
	}

	/**
	 * Checks the calls refused.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RateLimiterAssert hasRejectedCalls(long expected) {
		isNotNull();
		return has("rejected calls", expected, this.actual.metrics().rejectedCalls());
	}

	/**
	 * Checks how many calls could start now without waiting.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RateLimiterAssert hasAvailablePermits(int expected) {
		isNotNull();
		return has("available permits", expected, this.actual.available());
	}

	@Override
	String instance() {
		return "rate limiter '" + this.actual.name() + "'";
	}

	@Override
	String metrics() {
		Metrics metrics = this.actual.metrics();
		return "permitted " + metrics.permittedCalls() + ", waited " + metrics.waitedCalls() + ", rejected "
				+ metrics.rejectedCalls();
	}

}
