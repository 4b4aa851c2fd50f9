package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.Retry;

/**
 * Runs the rest of the pipeline once per attempt of a retry, in the calling thread's reusable
 * {@link ThreadRetryContext}.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class RetryStage<C> implements Stage<C> {

	private final Retry retry;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public RetryStage(Retry retry, Attempts<C> attempts, Stage<C> next) {
		this.retry = retry;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		return ThreadRetryContext.run(this.retry, this.attempts, call, this.next);
	}

}
