package dev.resilience.core;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * One call waiting for a slot of a {@link DefaultConcurrencyLimit}: the future handed to the
 * caller, completed with the slot's token by the thread that grants it, or exceptionally by the
 * timer of the scheduler when the wait ends first.
 *
 * <p>Thread-safe: a grant, the timer and a cancellation race through the future's own atomic
 * completion, and only the one that completes it acts. A grant that loses tells the granter,
 * which passes the slot on.
 */
final class ConcurrencyLimitWaiter extends CompletableFuture<Long> {

	private final DefaultConcurrencyLimit owner;

	private final long waitNanos;

	private volatile DelayScheduler.@Nullable Cancellable timer;

	/**
	 * Creates a waiter.
	 * @param owner the concurrency limit waited for
	 * @param waitNanos how long the call may wait, for the message of its refusal
	 */
	ConcurrencyLimitWaiter(DefaultConcurrencyLimit owner, long waitNanos) {
		this.owner = owner;
		this.waitNanos = waitNanos;
	}

	/**
	 * Remembers the timer that ends the wait, so that a grant cancels it; cancels it at once if
	 * the wait is over already.
	 * @param timer the timer
	 */
	void timer(DelayScheduler.Cancellable timer) {
		this.timer = timer;
		if (isDone()) {
			timer.cancel();
		}
	}

	/**
	 * Hands the waiter a slot.
	 * @param token the slot's token
	 * @return false if the waiter no longer waits (its time ran out or it was cancelled): the slot
	 * stays with the caller
	 */
	boolean grant(long token) {
		if (!complete(token)) {
			return false;
		}
		cancelTimer();
		this.owner.permitted();
		return true;
	}

	/**
	 * Ends the wait with a {@link LimitExceededException}, unless a slot came first.
	 */
	void timeout() {
		if (isDone()) {
			return;
		}
		if (completeExceptionally(this.owner.waitedInVain(this.waitNanos))) {
			this.owner.slots().remove(this);
			this.owner.rejected();
		}
	}

	/**
	 * Gives the wait up, unless a slot came first: then the call holds that slot, and the slot's
	 * token can still be read from this future.
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			cancelTimer();
			this.owner.slots().remove(this);
		}
		return cancelled;
	}

	private void cancelTimer() {
		DelayScheduler.Cancellable timer = this.timer;
		if (timer != null) {
			timer.cancel();
		}
	}

}
