package dev.resilience.test;

import dev.resilience.core.Retry;
import dev.resilience.core.Retry.Metrics;

/**
 * Assertions over a {@link Retry}: the counts of {@link Retry#metrics()}, since start-up or the
 * last reset.
 *
 * <p>Not thread-safe, as AssertJ assertions are not.
 *
 * @since 0.3.0
 */
public final class RetryAssert extends AbstractInstanceAssert<RetryAssert, Retry> {

	RetryAssert(Retry actual) {
		super(actual, RetryAssert.class);
	}

	/**
	 * Checks the calls that succeeded at their first attempt.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RetryAssert hasSuccessfulCallsWithoutRetry(long expected) {
		isNotNull();
		return has("successful calls without retry", expected, this.actual.metrics().successfulWithoutRetry());
	}

	/**
	 * Checks the calls that succeeded after one or more retries.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RetryAssert hasSuccessfulCallsWithRetry(long expected) {
		isNotNull();
		return has("successful calls with retry", expected, this.actual.metrics().successfulWithRetry());
	}

	/**
	 * Checks the calls that failed after one or more retries.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RetryAssert hasFailedCallsWithRetry(long expected) {
		isNotNull();
		return has("failed calls with retry", expected, this.actual.metrics().failedWithRetry());
	}

	/**
	 * Checks the calls that failed at their first attempt and were not retried.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public RetryAssert hasFailedCallsWithoutRetry(long expected) {
		isNotNull();
		return has("failed calls without retry", expected, this.actual.metrics().failedWithoutRetry());
	}

	/**
	 * Checks the retries made, first attempts not included.
	 * @param expected the retries expected
	 * @return this assertion
	 */
	public RetryAssert hasRetryAttempts(long expected) {
		isNotNull();
		return has("retry attempts", expected, this.actual.metrics().retryAttempts());
	}

	/** Checks that no call was retried. */
	public RetryAssert hasNoRetryAttempts() {
		return hasRetryAttempts(0);
	}

	/**
	 * Checks the retries the retry budget refused.
	 * @param expected the refusals expected
	 * @return this assertion
	 */
	public RetryAssert hasBudgetExhausted(long expected) {
		isNotNull();
		return has("retries refused by the budget", expected, this.actual.metrics().budgetExhausted());
	}

	/** Checks that the retry budget refused at least one retry. */
	public RetryAssert hasExhaustedItsBudget() {
		isNotNull();
		return hasAtLeast("retries refused by the budget", 1, this.actual.metrics().budgetExhausted());
	}

	@Override
	String instance() {
		return "retry '" + this.actual.name() + "'";
	}

	@Override
	String metrics() {
		Metrics metrics = this.actual.metrics();
		return "successful without retry " + metrics.successfulWithoutRetry() + ", successful with retry "
				+ metrics.successfulWithRetry() + ", failed with retry " + metrics.failedWithRetry()
				+ ", failed without retry " + metrics.failedWithoutRetry() + ", retry attempts "
				+ metrics.retryAttempts() + ", refused by the budget " + metrics.budgetExhausted();
	}

}
