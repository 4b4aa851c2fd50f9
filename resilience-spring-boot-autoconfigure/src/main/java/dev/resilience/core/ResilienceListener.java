package dev.resilience.core;

/**
 * Receives what the policies do, to turn it into meters, event buffers and log lines. Every
 * method has an empty default, so a listener implements only what it needs.
 *
 * <p>Methods are called on the thread of the guarded call (for asynchronous calls, the thread
 * that completes an attempt or a scheduler thread), so they must be quick, thread-safe and
 * allocation-conscious. A listener that throws never fails the call: the policy reports the
 * exception and goes on.
 *
 * @since 0.1.0
 */
public interface ResilienceListener {

	/**
	 * A circuit breaker changed state. Called once per transition, by the thread that made it.
	 * @param name the breaker's name
	 * @param from the state left
	 * @param to the state entered
	 * @param reason why, for example {@code failure rate 60.0% >= 50.0%}
	 */
	default void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
	}

	/**
	 * A circuit breaker recorded a call, or rejected one.
	 * @param name the breaker's name
	 * @param outcome how the call was recorded
	 * @param durationNanos how long the call took; 0 for a rejected call
	 */
	default void onCircuitBreakerCall(String name, CallOutcome outcome, long durationNanos) {
	}

	/**
	 * A retry is about to wait before its next attempt.
	 * @param name the retry's name
	 * @param attempt the number of the attempt that failed, 1-based
	 * @param delayNanos the delay chosen before the next attempt
	 * @param failure the failure of the attempt
	 */
	default void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
	}

	/**
	 * A retry was refused by the instance's retry budget: the call ends with the failure of
	 * the attempt.
	 * @param name the retry's name
	 * @param attempt the number of the attempt that failed, 1-based
	 */
	default void onBudgetExhausted(String name, int attempt) {
	}

	/**
	 * A retrying call ended.
	 * @param name the retry's name
	 * @param outcome how it ended
	 * @param attempts the number of attempts made
	 */
	default void onRetryCompleted(String name, RetryOutcome outcome, int attempts) {
	}

	/**
	 * A time-limited call ended.
	 * @param name the time limiter's name
	 * @param outcome how it ended
	 */
	default void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
	}

	/**
	 * A fallback method answered a failed call.
	 * @param name the guarded method's name, {@code SimpleClassName.methodName}
	 * @param failure the failure it answered
	 */
	default void onFallback(String name, Throwable failure) {
	}

	/**
	 * A concurrency limit let a call run, or refused it.
	 * @param name the concurrency limit's name
	 * @param outcome whether the call got a slot
	 */
	default void onConcurrencyLimitCall(String name, LimitOutcome outcome) {
	}

	/**
	 * An adaptive concurrency limit changed its limit. Called at most once per second per
	 * instance, with the value last reported and the new one.
	 * @param name the concurrency limit's name
	 * @param from the limit last reported
	 * @param to the limit now
	 */
	default void onLimitChanged(String name, int from, int to) {
	}

	/**
	 * A rate limiter let a call start, at once or after waiting for its turn, or refused it.
	 * @param name the rate limiter's name
	 * @param outcome how the call fared
	 */
	default void onRateLimiterCall(String name, LimitOutcome outcome) {
	}

	/**
	 * An instance that keeps its state in a shared store (Redis) decided locally, because the
	 * store did not answer in time or is known to be down.
	 * @param name the instance's name
	 */
	default void onSharedStoreFallback(String name) {
	}

	/**
	 * A hedged call ended.
	 * @param name the hedge's name
	 * @param outcome which attempt won, or that all failed
	 * @param hedgesSent the attempts sent after the first
	 */
	default void onHedgeCall(String name, HedgeOutcome outcome, int hedgesSent) {
	}

	/**
	 * A hedge was due but its budget refused it, so it was not sent.
	 * @param name the hedge's name
	 * @param attempt the number of the attempt not sent, 2 for the first hedge
	 */
	default void onHedgeBudgetExhausted(String name, int attempt) {
	}

	/**
	 * A fault was injected into a call ({@code resilience.faults.*}).
	 * @param name the instance name whose faults are set
	 * @param fault which fault
	 */
	default void onFaultInjected(String name, Fault fault) {
	}

	/**
	 * How a hedged call ended.
	 */
	enum HedgeOutcome {

		/** The first attempt answered first, with a success. */
		FIRST_WON,

		/** A hedge answered first, with a success. */
		HEDGE_WON,

		/** Every attempt sent failed. */
		FAILED

	}

	/**
	 * A fault injected into a call.
	 */
	enum Fault {

		/** Latency spent before the call ran. */
		LATENCY,

		/** An exception thrown instead of the call. */
		EXCEPTION,

		/** An HTTP status answered instead of sending the request. */
		STATUS

	}

	/**
	 * How a call fared at a concurrency limit or a rate limiter.
	 */
	enum LimitOutcome {

		/** Started at once. */
		PERMITTED,

		/** Started after waiting for a slot or its turn. */
		WAITED,

		/** Refused with a {@link LimitExceededException}. */
		REJECTED

	}

	/**
	 * How a circuit breaker recorded a call.
	 */
	enum CallOutcome {

		SUCCESS, FAILURE, IGNORED, REJECTED

	}

	/**
	 * How a retrying call ended.
	 */
	enum RetryOutcome {

		SUCCESSFUL_WITHOUT_RETRY, SUCCESSFUL_WITH_RETRY, FAILED_WITH_RETRY, FAILED_WITHOUT_RETRY

	}

	/**
	 * How a time-limited call ended.
	 */
	enum TimeLimiterOutcome {

		SUCCESS, FAILURE, TIMEOUT

	}

}
