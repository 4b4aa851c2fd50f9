package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;

/**
 * Passes an asynchronous call through a circuit breaker: asks for a permit when the call starts
 * (at subscription for a publisher), and reports the outcome and duration when the call
 * completes, not when the method returns; a cancelled call hands its permit back.
 */
final class AsyncCircuitBreakerStage implements Stage {

	private final AsyncType type;

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	private final Stage next;

	AsyncCircuitBreakerStage(AsyncType type, CircuitBreaker circuitBreaker, Clock clock, Stage next) {
		this.type = type;
		this.circuitBreaker = circuitBreaker;
		this.clock = clock;
		this.next = next;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		return this.type.defer(() -> {
			PermittedCall call = new PermittedCall(this.circuitBreaker.acquirePermit(), this.clock);
			Object result;
			try {
				result = this.next.invoke(invocation);
			}
			catch (Throwable ex) {
				call.onError(ex);
				throw ex;
			}
			return this.type.watch(result, call);
		});
	}

	/**
	 * Reports the outcome of one permitted call; told once, by {@link AsyncType#watch}.
	 */
	private static final class PermittedCall implements AsyncType.OutcomeListener {

		private final CircuitBreaker.Permit permit;

		private final Clock clock;

		private final long start;

		PermittedCall(CircuitBreaker.Permit permit, Clock clock) {
			this.permit = permit;
			this.clock = clock;
			this.start = clock.nanoTime();
		}

		@Override
		public void onSuccess() {
			this.permit.onSuccess(this.clock.nanoTime() - this.start);
		}

		@Override
		public void onError(Throwable failure) {
			this.permit.onError(this.clock.nanoTime() - this.start, failure);
		}

		@Override
		public void onCancel() {
			this.permit.release();
		}

	}

}
