package dev.resilience.core;

import java.util.Locale;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;

/**
 * The closed state: lets every call through, records counted outcomes in a sliding window and
 * opens the breaker when the failure rate or the slow-call rate reaches its threshold.
 *
 * <p>Thread-safe; permitting and recording a call allocate nothing.
 */
final class ClosedState extends CircuitState {

	private final CircuitBreakerWindow window;

	ClosedState(DefaultCircuitBreaker breaker) {
		super(breaker);
		this.window = CircuitBreakerWindow.of(breaker.config(), breaker.clock());
	}

	@Override
	State state() {
		return State.CLOSED;
	}

	@Override
	boolean tryAcquire() {
		return true;
	}

	@Override
	void record(boolean failure, boolean slow) {
		long rates = this.window.record(failure, slow);
		// Rates are -1 below the minimum calls, and thresholds are above 0.
		float failureRate = CircuitBreakerWindow.failureRate(rates);
		float slowCallRate = CircuitBreakerWindow.slowCallRate(rates);
		CircuitBreakerConfig config = breaker().config();
		if (failureRate >= config.failureRateThreshold()) {
			open("failure rate", failureRate, config.failureRateThreshold());
		}
		else if (slowCallRate >= config.slowCallRateThreshold()) {
			open("slow call rate", slowCallRate, config.slowCallRateThreshold());
		}
	}

	private void open(String what, float rate, double threshold) {
		if (breaker().isCurrent(this)) {
			breaker().transition(this, State.OPEN,
					String.format(Locale.ROOT, "%s %.1f%% >= %.1f%%", what, rate, threshold));
		}
	}

	@Override
	Metrics metrics() {
		return this.window.metrics(notPermittedCalls());
	}

}
