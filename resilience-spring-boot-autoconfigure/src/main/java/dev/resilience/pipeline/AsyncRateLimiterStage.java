package dev.resilience.pipeline;

import dev.resilience.core.RateLimiter;

/**
 * Starts the rest of an asynchronous pipeline when the rate limiter gives the call its turn (at
 * subscription for a publisher), waiting for it on the scheduler, blocking no thread.
 *
 * @param <C> the type of the call
 * @since 0.2.0
 */
public final class AsyncRateLimiterStage<C> implements Stage<C> {

	private final AsyncType type;

	private final RateLimiter rateLimiter;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public AsyncRateLimiterStage(AsyncType type, RateLimiter rateLimiter, Attempts<C> attempts, Stage<C> next) {
		this.type = type;
		this.rateLimiter = rateLimiter;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.defer(() -> {
			long waitNanos = this.rateLimiter.reserve(this.attempts.deadline(call));
			if (waitNanos == RateLimiter.REFUSED) {
				throw this.rateLimiter.refused();
			}
			return (waitNanos == 0) ? this.next.invoke(call) : this.type.delay(waitNanos, () -> this.next.invoke(call));
		});
	}

}
