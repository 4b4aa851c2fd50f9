package dev.resilience.pipeline;

import dev.resilience.core.TimeLimiter;

/**
 * Bounds the time of the rest of an asynchronous pipeline with a timer; no thread waits for it.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class AsyncTimeLimiterStage<C> implements Stage<C> {

	private final AsyncType type;

	private final TimeLimiter timeLimiter;

	private final Stage<C> next;

	public AsyncTimeLimiterStage(AsyncType type, TimeLimiter timeLimiter, Stage<C> next) {
		this.type = type;
		this.timeLimiter = timeLimiter;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.timeLimit(this.timeLimiter, () -> this.next.invoke(call));
	}

}
