package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;

/**
 * Passes the call through a circuit breaker, reporting its outcome and duration.
 */
final class CircuitBreakerStage implements Stage {

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	private final Stage next;

	CircuitBreakerStage(CircuitBreaker circuitBreaker, Clock clock, Stage next) {
		this.circuitBreaker = circuitBreaker;
		this.clock = clock;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		CircuitBreaker.Permit permit = this.circuitBreaker.acquirePermit();
		long start = this.clock.nanoTime();
		Object result;
		try {
			result = this.next.invoke(invocation);
		}
		catch (Throwable failure) {
			permit.onError(this.clock.nanoTime() - start, failure);
			throw failure;
		}
		permit.onSuccess(this.clock.nanoTime() - start);
		return result;
	}

}
