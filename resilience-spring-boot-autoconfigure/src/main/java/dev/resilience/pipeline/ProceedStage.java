package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * The end of every synchronous pipeline: runs one attempt of the call.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class ProceedStage<C> implements Stage<C> {

	private final Attempts<C> attempts;

	public ProceedStage(Attempts<C> attempts) {
		this.attempts = attempts;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		return this.attempts.proceed(call);
	}

}
