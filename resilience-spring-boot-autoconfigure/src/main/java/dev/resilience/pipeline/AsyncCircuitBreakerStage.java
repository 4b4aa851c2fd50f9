package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;

/**
 * Passes an asynchronous call through a circuit breaker: asks for a permit when the call starts
 * (at subscription for a publisher), and reports the outcome and duration when the call
 * completes, not when it returns; a cancelled call hands its permit back.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class AsyncCircuitBreakerStage<C> implements Stage<C> {

	private final AsyncType type;

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public AsyncCircuitBreakerStage(AsyncType type, CircuitBreaker circuitBreaker, Clock clock, Attempts<C> attempts,
			Stage<C> next) {
		this.type = type;
		this.circuitBreaker = circuitBreaker;
		this.clock = clock;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.defer(() -> {
			PermittedCall permitted = new PermittedCall(call, this.circuitBreaker.acquirePermit());
			Object result;
			try {
				result = this.next.invoke(call);
			}
			catch (Throwable ex) {
				permitted.onError(ex);
				throw ex;
			}
			return this.type.watch(result, permitted);
		});
	}

	/**
	 * Reports the outcome of one permitted call; told once, by {@link AsyncType#watch}.
	 */
	private final class PermittedCall implements AsyncType.OutcomeListener {

		private final C call;

		private final CircuitBreaker.Permit permit;

		private final long start;

		PermittedCall(C call, CircuitBreaker.Permit permit) {
			this.call = call;
			this.permit = permit;
			this.start = AsyncCircuitBreakerStage.this.clock.nanoTime();
		}

		@Override
		public void onSuccess(@Nullable Object value) {
			AsyncCircuitBreakerStage.this.attempts.report(this.call, value, this.permit, elapsed());
		}

		@Override
		public void onError(Throwable failure) {
			this.permit.onError(elapsed(), failure);
		}

		@Override
		public void onCancel() {
			this.permit.release();
		}

		private long elapsed() {
			return AsyncCircuitBreakerStage.this.clock.nanoTime() - this.start;
		}

	}

}
