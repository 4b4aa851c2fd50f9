package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.Retry;

/**
 * Runs the rest of the pipeline once per attempt of a retry, in the calling thread's reusable
 * {@link ThreadRetryContext}.
 */
final class RetryStage implements Stage {

	private final Retry retry;

	private final Stage next;

	RetryStage(Retry retry, Stage next) {
		this.retry = retry;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return ThreadRetryContext.run(this.retry, invocation, this.next);
	}

}
