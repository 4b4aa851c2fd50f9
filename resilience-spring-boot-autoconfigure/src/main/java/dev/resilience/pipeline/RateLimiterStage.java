package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.RateLimiter;

/**
 * Starts the rest of the pipeline when the rate limiter gives the call its turn, waiting for it
 * as the limiter allows.
 *
 * @param <C> the type of the call
 * @since 0.2.0
 */
public final class RateLimiterStage<C> implements Stage<C> {

	private final RateLimiter rateLimiter;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public RateLimiterStage(RateLimiter rateLimiter, Attempts<C> attempts, Stage<C> next) {
		this.rateLimiter = rateLimiter;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		this.rateLimiter.acquire(this.attempts.deadline(call));
		return this.next.invoke(call);
	}

}
