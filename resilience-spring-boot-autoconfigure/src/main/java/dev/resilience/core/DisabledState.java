package dev.resilience.core;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;

/**
 * The disabled state an operator chose: lets every call through and records nothing, neither in a
 * window nor to the listener, until an operator changes the state.
 *
 * <p>Thread-safe.
 */
final class DisabledState extends CircuitState {

	DisabledState(DefaultCircuitBreaker breaker) {
		super(breaker);
	}

	@Override
	State state() {
		return State.DISABLED;
	}

	@Override
	boolean tryAcquire() {
		return true;
	}

	@Override
	public void onSuccess(long durationNanos) {
	}

	@Override
	public void onError(long durationNanos, Throwable failure) {
	}

	@Override
	void record(boolean failure, boolean slow) {
	}

	@Override
	Metrics metrics() {
		return emptyMetrics(0);
	}

}
