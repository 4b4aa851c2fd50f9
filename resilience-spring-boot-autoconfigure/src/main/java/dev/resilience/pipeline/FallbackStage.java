package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener;

/**
 * Answers a failure of the rest of the pipeline with a {@link FallbackHandler}.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class FallbackStage<C> implements Stage<C> {

	private final FallbackHandler<C> fallback;

	private final String name;

	private final ResilienceListener events;

	private final Stage<C> next;

	public FallbackStage(FallbackHandler<C> fallback, String name, ResilienceListener events, Stage<C> next) {
		this.fallback = fallback;
		this.name = name;
		this.events = events;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		try {
			return this.next.invoke(call);
		}
		catch (Throwable failure) {
			if (!this.fallback.appliesTo(failure)) {
				throw failure;
			}
			this.events.onFallback(this.name, failure);
			return this.fallback.apply(call, failure);
		}
	}

}
