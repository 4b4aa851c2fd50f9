package dev.resilience.core;

import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;

/**
 * The half-open state: hands out exactly {@code half-open-calls} trial permits, whatever the number
 * of threads; closes the breaker when that many trials succeeded and opens it again at the first
 * trial that fails or is slow.
 *
 * <p>Permits are not returned when a trial ends with a success or a failure, so the total of trial
 * calls is bounded, not only their concurrency; a trial whose outcome is ignored, or that is
 * released, gives its permit back so that this state never gets stuck. Thread-safe and lock-free.
 */
final class HalfOpenState extends CircuitState {

	private final int trials;

	private final AtomicInteger permits;

	private final AtomicInteger successes = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicInteger slowCalls = new AtomicInteger();

	HalfOpenState(DefaultCircuitBreaker breaker) {
		super(breaker);
		this.trials = breaker.config().halfOpenCalls();
		this.permits = new AtomicInteger(this.trials);
	}

	@Override
	State state() {
		return State.HALF_OPEN;
	}

	@Override
	boolean tryAcquire() {
		for (;;) {
			int left = this.permits.get();
			if (left <= 0) {
				return false;
			}
			if (this.permits.compareAndSet(left, left - 1)) {
				return true;
			}
		}
	}

	@Override
	void ignored() {
		giveBack();
	}

	@Override
	public void release() {
		giveBack();
	}

	private void giveBack() {
		for (;;) {
			int left = this.permits.get();
			if (left >= this.trials || this.permits.compareAndSet(left, left + 1)) {
				return;
			}
		}
	}

	@Override
	void record(boolean failure, boolean slow) {
		DefaultCircuitBreaker breaker = breaker();
		if (slow) {
			this.slowCalls.incrementAndGet();
		}
		if (failure) {
			this.failures.incrementAndGet();
			breaker.transition(this, State.OPEN, "trial call failed");
			return;
		}
		int succeeded = this.successes.incrementAndGet();
		if (slow) {
			breaker.transition(this, State.OPEN, breaker.trialSlowReason());
		}
		else if (succeeded == this.trials) {
			breaker.transition(this, State.CLOSED, breaker.trialsSucceededReason());
		}
	}

	@Override
	Metrics metrics() {
		int failed = this.failures.get();
		int calls = this.successes.get() + failed;
		int slow = this.slowCalls.get();
		long rates = CircuitBreakerWindow.rates(calls, failed, slow, this.trials);
		return new Metrics(CircuitBreakerWindow.failureRate(rates), CircuitBreakerWindow.slowCallRate(rates), calls,
				failed, slow, notPermittedCalls());
	}

}
