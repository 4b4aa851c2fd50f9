package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.TimeLimiter;

/**
 * Runs the rest of the pipeline on a worker thread and gives control back at the timeout.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class TimeLimiterStage<C> implements Stage<C> {

	private final TimeLimiter timeLimiter;

	private final Stage<C> next;

	public TimeLimiterStage(TimeLimiter timeLimiter, Stage<C> next) {
		this.timeLimiter = timeLimiter;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		return this.timeLimiter.execute(() -> this.next.invoke(call));
	}

}
