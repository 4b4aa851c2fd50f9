package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.TimeLimiter;

/**
 * Runs the rest of the pipeline on a worker thread and gives control back at the timeout.
 */
final class TimeLimiterStage implements Stage {

	private final TimeLimiter timeLimiter;

	private final Stage next;

	TimeLimiterStage(TimeLimiter timeLimiter, Stage next) {
		this.timeLimiter = timeLimiter;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return this.timeLimiter.execute(() -> this.next.invoke(invocation));
	}

}
