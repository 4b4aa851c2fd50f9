package dev.resilience.core;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;

/**
 * The forced-open state an operator chose: rejects every call until an operator changes the state.
 *
 * <p>Thread-safe.
 */
final class ForcedOpenState extends CircuitState {

	ForcedOpenState(DefaultCircuitBreaker breaker) {
		super(breaker);
	}

	@Override
	State state() {
		return State.FORCED_OPEN;
	}

	@Override
	boolean tryAcquire() {
		return false;
	}

	@Override
	void record(boolean failure, boolean slow) {
	}

	@Override
	Metrics metrics() {
		return emptyMetrics(notPermittedCalls());
	}

}
