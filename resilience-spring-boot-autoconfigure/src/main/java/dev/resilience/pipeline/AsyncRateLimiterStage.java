package dev.resilience.pipeline;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import dev.resilience.core.RateLimiter;

/**
 * Starts the rest of an asynchronous pipeline when the rate limiter gives the call its turn (at
 * subscription for a publisher), waiting for it on the scheduler, blocking no thread; a call that
 * waited starts with the caller's thread-local context.
 *
 * @param <C> the type of the call
 * @since 0.2.0
 */
public final class AsyncRateLimiterStage<C> implements Stage<C> {

	private final AsyncType type;

	private final RateLimiter rateLimiter;

	private final Attempts<C> attempts;

	private final ContextSnapshotFactory snapshots;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param type the adapter of the call's return type
	 * @param rateLimiter gives each call its turn
	 * @param attempts what the stage needs to know of the call
	 * @param snapshots captures the caller's thread-local context for a call that waits for its
	 * turn, which then starts on a scheduler thread
	 * @param next the rest of the pipeline
	 */
	public AsyncRateLimiterStage(AsyncType type, RateLimiter rateLimiter, Attempts<C> attempts,
			ContextSnapshotFactory snapshots, Stage<C> next) {
		this.type = type;
		this.rateLimiter = rateLimiter;
		this.attempts = attempts;
		this.snapshots = snapshots;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.defer(() -> {
			long waitNanos = this.rateLimiter.reserve(this.attempts.deadline(call));
			if (waitNanos == RateLimiter.REFUSED) {
				throw this.rateLimiter.refused();
			}
			if (waitNanos == 0) {
				return this.next.invoke(call);
			}
			ContextSnapshot context = this.snapshots.captureAll();
			return this.type.delayWith(context, waitNanos, () -> this.next.invoke(call));
		});
	}

}
