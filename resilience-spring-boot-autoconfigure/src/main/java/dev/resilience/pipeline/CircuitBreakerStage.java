package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;

/**
 * Passes the call through a circuit breaker, reporting its outcome and duration; an attempt of a
 * hedged call that fails after another attempt answered (it was interrupted) hands its permit
 * back instead.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class CircuitBreakerStage<C> implements Stage<C> {

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public CircuitBreakerStage(CircuitBreaker circuitBreaker, Clock clock, Attempts<C> attempts, Stage<C> next) {
		this.circuitBreaker = circuitBreaker;
		this.clock = clock;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		CircuitBreaker.Permit permit = this.circuitBreaker.acquirePermit();
		long start = this.clock.nanoTime();
		Object result;
		try {
			result = this.next.invoke(call);
		}
		catch (Throwable failure) {
			if (HedgeStage.isAbandonedAttempt()) {
				// cancelled because another attempt of a hedged call answered: no outcome to record
				permit.release();
			}
			else {
				permit.onError(this.clock.nanoTime() - start, failure);
			}
			throw failure;
		}
		this.attempts.report(call, result, permit, this.clock.nanoTime() - start);
		return result;
	}

}
