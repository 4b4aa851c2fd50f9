package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener;

/**
 * Answers a failure of the rest of the pipeline with the bean's fallback method.
 */
final class FallbackStage implements Stage {

	private final FallbackMethod fallback;

	private final String name;

	private final ResilienceListener events;

	private final Stage next;

	FallbackStage(FallbackMethod fallback, String name, ResilienceListener events, Stage next) {
		this.fallback = fallback;
		this.name = name;
		this.events = events;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		try {
			return this.next.invoke(invocation);
		}
		catch (Throwable failure) {
			if (!this.fallback.appliesTo(failure)) {
				throw failure;
			}
			this.events.onFallback(this.name, failure);
			return this.fallback.invoke(invocation.getThis(), invocation.getArguments(), failure);
		}
	}

}
