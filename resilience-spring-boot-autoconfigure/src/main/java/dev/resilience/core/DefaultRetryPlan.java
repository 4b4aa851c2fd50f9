package dev.resilience.core;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.RetryOutcome;

/**
 * The {@link Retry.Plan} of a {@link DefaultRetry}: keeps the attempt number and the start of one
 * call, and leaves every decision and record to the retry, so that asynchronous calls are
 * retried, counted and reported exactly as synchronous ones.
 *
 * <p>Not thread-safe: confined to one call, whose attempts run one after another.
 */
final class DefaultRetryPlan implements Retry.Plan {

	private final DefaultRetry retry;

	/** When the call started, on the clock's time line; only read when there is a max-duration. */
	private final long start;

	/**
	 * The deadline of the call: the caller's when the call started, or the end of
	 * {@code max-duration} when that comes sooner; {@code null} for none.
	 */
	private final @Nullable Deadline deadline;

	private int attempt = 1;

	private long delay;

	private @Nullable Throwable failure;

	DefaultRetryPlan(DefaultRetry retry, long start, @Nullable Deadline deadline) {
		this.retry = retry;
		this.start = start;
		this.deadline = deadline;
	}

	@Override
	public int attempt() {
		return this.attempt;
	}

	@Override
	public @Nullable Deadline deadline() {
		return this.deadline;
	}

	@Override
	public long onFailure(Throwable failure) {
		long delay = this.retry.delayBeforeRetry(this.attempt, failure, this.start, this.deadline);
		if (delay == STOP) {
			this.retry.completed(DefaultRetry.failedOutcome(this.attempt), this.attempt);
			return STOP;
		}
		this.delay = delay;
		this.failure = failure;
		return delay;
	}

	@Override
	public boolean onRetry() {
		Throwable failure = this.failure;
		if (failure == null) {
			throw new IllegalStateException("No failed attempt to retry");
		}
		this.failure = null;
		if (!this.retry.startRetry(this.attempt, this.delay, failure)) {
			return false;
		}
		this.attempt++;
		return true;
	}

	@Override
	public void onSuccess() {
		this.retry.completed((this.attempt == 1) ? RetryOutcome.SUCCESSFUL_WITHOUT_RETRY
				: RetryOutcome.SUCCESSFUL_WITH_RETRY, this.attempt);
	}

}
