package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;

import dev.resilience.core.TimeLimiter;

/**
 * Bounds the time of the rest of an asynchronous pipeline with a timer; no thread waits for it.
 */
final class AsyncTimeLimiterStage implements Stage {

	private final AsyncType type;

	private final TimeLimiter timeLimiter;

	private final Stage next;

	AsyncTimeLimiterStage(AsyncType type, TimeLimiter timeLimiter, Stage next) {
		this.type = type;
		this.timeLimiter = timeLimiter;
		this.next = next;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		return this.type.timeLimit(this.timeLimiter, () -> this.next.invoke(invocation));
	}

}
