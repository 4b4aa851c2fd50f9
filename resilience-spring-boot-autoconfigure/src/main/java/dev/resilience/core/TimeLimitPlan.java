package dev.resilience.core;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;

/**
 * The {@link TimeLimiter.Plan} of a {@link DefaultTimeLimiter}: the time one call was given,
 * fixed when it starts, and its outcome, recorded by whichever of the work and the timer comes
 * first.
 *
 * <p>Thread-safe: the outcome is settled by one atomic update.
 */
final class TimeLimitPlan implements TimeLimiter.Plan {

	private static final int RUNNING = 0;

	private static final int SETTLED = 1;

	private static final AtomicIntegerFieldUpdater<TimeLimitPlan> STATE = AtomicIntegerFieldUpdater
		.newUpdater(TimeLimitPlan.class, "state");

	private final DefaultTimeLimiter limiter;

	private final long allowedNanos;

	private final Deadline deadline;

	private volatile int state;

	TimeLimitPlan(DefaultTimeLimiter limiter, long timeoutNanos, @Nullable Deadline callerDeadline, Clock clock) {
		this.limiter = limiter;
		long allowed = (callerDeadline != null) ? Math.min(timeoutNanos, callerDeadline.remainingNanos())
				: timeoutNanos;
		this.allowedNanos = Math.max(0, allowed);
		this.deadline = Deadline.after(this.allowedNanos, clock);
	}

	@Override
	public long allowedNanos() {
		return this.allowedNanos;
	}

	@Override
	public Deadline deadline() {
		return this.deadline;
	}

	@Override
	public boolean cancelRunning() {
		return this.limiter.cancelRunning();
	}

	@Override
	public TimeLimitExceededException exceeded() {
		return this.limiter.timeLimitExceeded(this.allowedNanos);
	}

	@Override
	public boolean onTimeout() {
		return settle(TimeLimiterOutcome.TIMEOUT);
	}

	@Override
	public boolean onSuccess() {
		return settle(TimeLimiterOutcome.SUCCESS);
	}

	@Override
	public boolean onFailure() {
		return settle(TimeLimiterOutcome.FAILURE);
	}

	@Override
	public void onCancel() {
		STATE.compareAndSet(this, RUNNING, SETTLED);
	}

	private boolean settle(TimeLimiterOutcome outcome) {
		if (STATE.compareAndSet(this, RUNNING, SETTLED)) {
			this.limiter.record(outcome);
			return true;
		}
		return false;
	}

}
