package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ConcurrencyLimit;

/**
 * Runs the rest of the pipeline in a slot of a concurrency limit, waiting for one as the limit
 * allows, and gives the slot back when the work returns, however it ends.
 *
 * @param <C> the type of the call
 * @since 0.2.0
 */
public final class ConcurrencyLimitStage<C> implements Stage<C> {

	private final ConcurrencyLimit limit;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public ConcurrencyLimitStage(ConcurrencyLimit limit, Attempts<C> attempts, Stage<C> next) {
		this.limit = limit;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		long token = this.limit.tryAcquire();
		if (token == ConcurrencyLimit.REFUSED) {
			token = this.limit.acquire(this.attempts.deadline(call));
		}
		try {
			return this.next.invoke(call);
		}
		finally {
			this.limit.release(token);
		}
	}

}
