package dev.resilience.core;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;

/**
 * The open state: rejects every call until {@code wait-in-open} has passed since it was entered,
 * then moves the breaker to half-open when the next permit is requested (no timer thread).
 *
 * <p>Its metrics show the window that opened the breaker, frozen, and the calls rejected since.
 * Thread-safe.
 */
final class OpenState extends CircuitState {

	private final long openedAt;

	private final Metrics lastWindow;

	OpenState(DefaultCircuitBreaker breaker, Metrics lastWindow) {
		super(breaker);
		this.openedAt = breaker.clock().nanoTime();
		this.lastWindow = lastWindow;
	}

	@Override
	State state() {
		return State.OPEN;
	}

	@Override
	boolean tryAcquire() {
		DefaultCircuitBreaker breaker = breaker();
		if (breaker.clock().nanoTime() - this.openedAt >= breaker.waitInOpenNanos()) {
			breaker.transition(this, State.HALF_OPEN, breaker.waitElapsedReason());
		}
		return false;
	}

	@Override
	void record(boolean failure, boolean slow) {
	}

	@Override
	Metrics metrics() {
		return new Metrics(this.lastWindow.failureRate(), this.lastWindow.slowCallRate(),
				this.lastWindow.bufferedCalls(), this.lastWindow.failedCalls(), this.lastWindow.slowCalls(),
				notPermittedCalls());
	}

}
