package dev.resilience.core;

import org.jspecify.annotations.Nullable;

/**
 * A circuit breaker: lets calls through while the recent failure and slow-call rates stay below
 * their thresholds, rejects them while open, and after {@code wait-in-open} lets exactly
 * {@code half-open-calls} trial calls decide whether to close again.
 *
 * <p>Use {@link #execute} for a synchronous call, or {@link #acquirePermit()} and the returned
 * {@link Permit} when the outcome arrives later (asynchronous calls). Thread-safe.
 *
 * @since 0.1.0
 */
public interface CircuitBreaker {

	/**
	 * Returns a new circuit breaker.
	 * @param name the instance name
	 * @param config the settings
	 * @param clock the source of time
	 * @param listener receives transitions and recorded calls
	 * @return the circuit breaker, {@link State#CLOSED}
	 */
	static CircuitBreaker of(String name, CircuitBreakerConfig config, Clock clock, ResilienceListener listener) {
		return new DefaultCircuitBreaker(name, config, clock, listener);
	}

	/** Returns the instance name. */
	String name();

	/** Returns the settings. */
	CircuitBreakerConfig config();

	/**
	 * Returns the current state. An open breaker whose wait is over still reports
	 * {@link State#OPEN} until the next permit request moves it to {@link State#HALF_OPEN}.
	 */
	State state();

	/**
	 * Asks to make a call.
	 * @return the permit through which the call's outcome must be reported exactly once
	 * @throws CallNotPermittedException if the breaker rejects the call
	 */
	Permit acquirePermit();

	/**
	 * Runs a call through the breaker: rejects it, or runs it and records its outcome and
	 * duration.
	 * @param <T> the type of the result
	 * @param call the call
	 * @return the call's result
	 * @throws CallNotPermittedException if the breaker rejects the call
	 * @throws Throwable the call's own failure, unchanged
	 */
	<T extends @Nullable Object> T execute(CheckedSupplier<T> call) throws Throwable;

	/**
	 * Moves the breaker to the given state at once, starting a fresh window. Meant for operators:
	 * {@link State#FORCED_OPEN} rejects every call, {@link State#DISABLED} lets every call
	 * through and records nothing, {@link State#CLOSED} resumes normal operation.
	 * @param state the state to enter
	 */
	void transitionTo(State state);

	/**
	 * Returns the breaker to a fresh {@link State#CLOSED} state whatever its state, with an empty
	 * window and no rejected calls, as if it had just been created; meant for tests that share an
	 * application context. From another state the transition is reported to the listener with the
	 * reason {@code reset}; from {@link State#CLOSED} nothing is reported. Permits issued before
	 * the reset no longer count, as after any state change.
	 * @since 0.3.0
	 */
	void reset();

	/**
	 * Returns a snapshot of the current window.
	 * @return the metrics
	 */
	Metrics metrics();

	/**
	 * The outcome report of one permitted call. A permit belongs to the state that issued it: if
	 * the breaker has changed state since, the outcome no longer counts.
	 */
	interface Permit {

		/**
		 * The call returned normally.
		 * @param durationNanos how long it took
		 */
		void onSuccess(long durationNanos);

		/**
		 * The call failed; the breaker classifies the failure as ignored, failure or success.
		 * @param durationNanos how long it took
		 * @param failure the failure
		 */
		void onError(long durationNanos, Throwable failure);

		/**
		 * The call was abandoned without an outcome (a cancelled subscription); a half-open
		 * trial permit is handed back.
		 */
		void release();

	}

	/**
	 * The states of a circuit breaker.
	 */
	enum State {

		/** Calls pass and are recorded. */
		CLOSED,

		/** Calls are rejected until {@code wait-in-open} has passed. */
		OPEN,

		/** A limited number of trial calls pass; their outcome closes or reopens the breaker. */
		HALF_OPEN,

		/** Calls are rejected until an operator changes the state. */
		FORCED_OPEN,

		/** Calls pass and nothing is recorded, until an operator changes the state. */
		DISABLED

	}

	/**
	 * A snapshot of a breaker's window.
	 *
	 * @param failureRate failures in percent of the calls in the window, or -1 until
	 * {@code minimum-calls} calls were recorded
	 * @param slowCallRate slow calls in percent of the calls in the window, or -1 until
	 * {@code minimum-calls} calls were recorded
	 * @param bufferedCalls calls in the window
	 * @param failedCalls failed calls in the window
	 * @param slowCalls slow calls in the window
	 * @param notPermittedCalls calls rejected since the last state change
	 */
	record Metrics(float failureRate, float slowCallRate, int bufferedCalls, int failedCalls, int slowCalls,
			long notPermittedCalls) {
	}

}
