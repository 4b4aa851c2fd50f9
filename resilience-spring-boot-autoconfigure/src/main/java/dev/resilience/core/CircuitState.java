package dev.resilience.core;

import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ResilienceListener.CallOutcome;

/**
 * One stay of a {@link DefaultCircuitBreaker} in one state: decides whether calls may pass, owns the
 * window or permits of that stay, and is the {@link CircuitBreaker.Permit} of the calls it lets
 * through, so that a permitted call allocates nothing.
 *
 * <p>Each state change creates a new object, so outcomes reported to a state that is no longer
 * current are dropped: every state change starts a fresh window. Subclasses are thread-safe.
 */
abstract class CircuitState implements CircuitBreaker.Permit {

	private final DefaultCircuitBreaker breaker;

	private final AtomicLong notPermittedCalls = new AtomicLong();

	CircuitState(DefaultCircuitBreaker breaker) {
		this.breaker = breaker;
	}

	/** Returns the state this object stands for. */
	abstract State state();

	/**
	 * Asks for a permit. May move the breaker to another state (open to half-open); the caller then
	 * asks the new state.
	 * @return true if the call may pass, with this object as its permit
	 */
	abstract boolean tryAcquire();

	/**
	 * Records a counted outcome of a call this state permitted, while this state is current; may
	 * move the breaker to another state.
	 * @param failure whether the call failed
	 * @param slow whether the call took at least the slow-call duration
	 */
	abstract void record(boolean failure, boolean slow);

	/** Returns the metrics of this stay. */
	abstract Metrics metrics();

	/** A call this state permitted had an ignored outcome. */
	void ignored() {
	}

	@Override
	public void onSuccess(long durationNanos) {
		report(false, durationNanos);
	}

	@Override
	public void onError(long durationNanos, Throwable failure) {
		CircuitBreakerConfig config = this.breaker.config();
		if (config.isIgnored(failure)) {
			ignored();
			this.breaker.listener().onCircuitBreakerCall(this.breaker.name(), CallOutcome.IGNORED, durationNanos);
			return;
		}
		report(config.isRecorded(failure), durationNanos);
	}

	@Override
	public void release() {
	}

	private void report(boolean failure, long durationNanos) {
		try {
			this.breaker.listener().onCircuitBreakerCall(this.breaker.name(),
					failure ? CallOutcome.FAILURE : CallOutcome.SUCCESS, durationNanos);
		}
		finally {
			if (this.breaker.isCurrent(this)) {
				record(failure, durationNanos >= this.breaker.slowCallNanos());
			}
		}
	}

	/** Counts and reports a call this state rejected. */
	final void rejected() {
		this.notPermittedCalls.incrementAndGet();
		this.breaker.listener().onCircuitBreakerCall(this.breaker.name(), CallOutcome.REJECTED, 0);
	}

	/** Returns the calls this state rejected. */
	final long notPermittedCalls() {
		return this.notPermittedCalls.get();
	}

	final DefaultCircuitBreaker breaker() {
		return this.breaker;
	}

	/**
	 * Returns metrics of an empty window.
	 * @param notPermittedCalls the calls rejected
	 * @return metrics with rates of -1 and no calls
	 */
	static Metrics emptyMetrics(long notPermittedCalls) {
		return new Metrics(-1, -1, 0, 0, 0, notPermittedCalls);
	}

}
