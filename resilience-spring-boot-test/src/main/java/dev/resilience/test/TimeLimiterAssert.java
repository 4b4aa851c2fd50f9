package dev.resilience.test;

import dev.resilience.core.TimeLimiter;
import dev.resilience.core.TimeLimiter.Metrics;

/**
 * Assertions over a {@link TimeLimiter}: the counts of {@link TimeLimiter#metrics()}, since
 * start-up or the last reset.
 *
 * <p>Not thread-safe, as AssertJ assertions are not.
 *
 * @since 0.3.0
 */
public final class TimeLimiterAssert extends AbstractInstanceAssert<TimeLimiterAssert, TimeLimiter> {

	TimeLimiterAssert(TimeLimiter actual) {
		super(actual, TimeLimiterAssert.class);
	}

	/**
	 * Checks the calls that returned in time.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public TimeLimiterAssert hasSuccessfulCalls(long expected) {
		isNotNull();
		return has("successful calls", expected, this.actual.metrics().successful());
	}

	/**
	 * Checks the calls that failed in time.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public TimeLimiterAssert hasFailedCalls(long expected) {
		isNotNull();
		return has("failed calls", expected, this.actual.metrics().failed());
	}

	/**
	 * Checks the calls cut off at their time limit.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public TimeLimiterAssert hasTimedOutCalls(long expected) {
		isNotNull();
		return has("timed-out calls", expected, this.actual.metrics().timedOut());
	}

	@Override
	String instance() {
		return "time limiter '" + this.actual.name() + "'";
	}

	@Override
	String metrics() {
		Metrics metrics = this.actual.metrics();
		return "successful " + metrics.successful() + ", failed " + metrics.failed() + ", timed out "
				+ metrics.timedOut();
	}

}
