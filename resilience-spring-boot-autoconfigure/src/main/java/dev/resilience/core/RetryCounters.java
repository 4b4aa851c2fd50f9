package dev.resilience.core;

import java.util.concurrent.atomic.LongAdder;

import dev.resilience.core.ResilienceListener.RetryOutcome;

/**
 * Counts the outcomes of the calls of one retry and the retries it performed.
 *
 * <p>Thread-safe: each count is a {@link LongAdder}, so concurrent calls do not contend on one
 * memory location; a {@link #snapshot(long)} taken while calls run may mix counts from slightly
 * different moments.
 */
final class RetryCounters {

	private final LongAdder successfulWithoutRetry = new LongAdder();

	private final LongAdder successfulWithRetry = new LongAdder();

	private final LongAdder failedWithRetry = new LongAdder();

	private final LongAdder failedWithoutRetry = new LongAdder();

	private final LongAdder retryAttempts = new LongAdder();

	/**
	 * Counts a call that ended.
	 * @param outcome how it ended
	 */
	void completed(RetryOutcome outcome) {
		switch (outcome) {
			case SUCCESSFUL_WITHOUT_RETRY -> this.successfulWithoutRetry.increment();
			case SUCCESSFUL_WITH_RETRY -> this.successfulWithRetry.increment();
			case FAILED_WITH_RETRY -> this.failedWithRetry.increment();
			case FAILED_WITHOUT_RETRY -> this.failedWithoutRetry.increment();
		}
	}

	/**
	 * Counts a retry, an attempt after the first.
	 */
	void retried() {
		this.retryAttempts.increment();
	}

	/**
	 * Sets every count back to zero. An update made by another thread during the reset may be
	 * kept or lost.
	 */
	void reset() {
		this.successfulWithoutRetry.reset();
		this.successfulWithRetry.reset();
		this.failedWithRetry.reset();
		this.failedWithoutRetry.reset();
		this.retryAttempts.reset();
	}

	/**
	 * Returns the counts so far.
	 * @param budgetExhausted the retries the budget refused
	 * @return the metrics
	 */
	Retry.Metrics snapshot(long budgetExhausted) {
		return new Retry.Metrics(this.successfulWithoutRetry.sum(), this.successfulWithRetry.sum(),
				this.failedWithRetry.sum(), this.failedWithoutRetry.sum(), this.retryAttempts.sum(), budgetExhausted);
	}

}
