package dev.resilience.core;

import org.jspecify.annotations.Nullable;

/**
 * A retry: runs a call again when it fails with a retryable failure, up to {@code max-attempts}
 * attempts, waiting an exponentially growing, jittered delay in between, and never starting a
 * delay that would end past {@code max-duration}. When it gives up, the last failure is rethrown
 * unchanged.
 *
 * <p>{@link #execute} retries a synchronous call, sleeping between attempts. Asynchronous callers
 * run and time the attempts themselves and ask a {@link #plan()} after each failure whether and
 * when to try again: the same classification, backoff, {@code Retry-After}, {@code max-duration},
 * counters and events serve both.
 *
 * <p>Thread-safe; per-call state lives on the caller's stack, or in the call's plan.
 *
 * @since 0.1.0
 */
public interface Retry {

	/**
	 * Returns a new retry.
	 * @param name the instance name
	 * @param config the settings
	 * @param clock the source of time
	 * @param sleeper waits between attempts
	 * @param listener receives retries and completions
	 * @return the retry
	 */
	static Retry of(String name, RetryConfig config, Clock clock, Sleeper sleeper, ResilienceListener listener) {
		return new DefaultRetry(name, config, RetryBudget.of(config.budget(), clock), clock, sleeper, listener);
	}

	/**
	 * Returns a new retry whose retries are capped by the given budget rather than by one made
	 * from {@link RetryConfig#budget()}, such as a budget the fleet shares.
	 * @param name the instance name
	 * @param config the settings
	 * @param budget caps the retries relative to traffic
	 * @param clock the source of time
	 * @param sleeper waits between attempts
	 * @param listener receives retries and completions
	 * @return the retry
	 * @since 0.2.0
	 */
	static Retry of(String name, RetryConfig config, RetryBudget budget, Clock clock, Sleeper sleeper,
			ResilienceListener listener) {
		return new DefaultRetry(name, config, budget, clock, sleeper, listener);
	}

	/** Returns the instance name. */
	String name();

	/** Returns the settings. */
	RetryConfig config();

	/**
	 * Runs the call, retrying it as configured.
	 * @param <T> the type of the result
	 * @param attempt one attempt of the call; invoked once per attempt
	 * @return the result of the first successful attempt
	 * @throws Throwable the last failure, unchanged
	 */
	<T extends @Nullable Object> T execute(CheckedSupplier<T> attempt) throws Throwable;

	/**
	 * Starts a call whose attempts the caller runs itself, typically asynchronously, without
	 * blocking a thread between them. The call's {@code max-duration} is measured from now.
	 * @return the plan of that one call
	 */
	Plan plan();

	/**
	 * Returns the counts since start-up, or since the last {@link #reset()}.
	 * @return the metrics
	 */
	Metrics metrics();

	/**
	 * Sets the counts back to zero and empties the retry budget (see {@link RetryBudget#reset()}),
	 * as if the retry had just been created; meant for tests that share an application context.
	 * Calls running meanwhile go on; what they record may land before or after the reset.
	 * @since 0.3.0
	 */
	void reset();

	/**
	 * Returns where the retry budget's decisions are made now: {@code local}, {@code redis} or
	 * {@code local (redis unavailable)}.
	 * @return the budget's store in use
	 */
	String budgetStore();

	/**
	 * The decisions and records of one retrying call whose attempts the caller runs: after a
	 * failed attempt {@link #onFailure} says whether to retry and after which delay; when the
	 * delay has passed the caller calls {@link #onRetry()} and runs the next attempt; a
	 * successful attempt ends the call with {@link #onSuccess()}. The call is counted and
	 * reported exactly as {@link Retry#execute} counts and reports a call.
	 *
	 * <p>Not thread-safe: a plan belongs to one call, whose attempts run one after another (a
	 * scheduler's hand-off between them orders the calls to the plan).
	 */
	interface Plan {

		/** Returned by {@link #onFailure} when the call must not be retried. */
		long STOP = -1;

		/**
		 * Returns the number of the current attempt.
		 * @return the attempt, 1-based
		 */
		int attempt();

		/**
		 * Returns the deadline the call's attempts run within: the caller's deadline when the
		 * call started, or the end of {@code max-duration} when that comes sooner.
		 * @return the deadline, or {@code null} for none
		 */
		@Nullable Deadline deadline();

		/**
		 * Decides what follows the failure of the current attempt. {@link #STOP} records the call
		 * as failed, and the caller passes the failure on unchanged; nothing is charged or
		 * reported for a retry before it starts.
		 * @param failure the failure of the current attempt
		 * @return the delay in nanoseconds before the next attempt, or {@link #STOP}
		 */
		long onFailure(Throwable failure);

		/**
		 * The delay chosen by {@link #onFailure} has passed and the next attempt is about to
		 * start: charges the retry to the budget, reports and counts it. A delay that is
		 * cancelled never gets here, and so charges nothing.
		 * @return true if the next attempt may start; false when the budget refuses the retry
		 * now, which records the call as failed: the caller passes the last failure on unchanged
		 */
		boolean onRetry();

		/**
		 * The current attempt succeeded; records the call as successful.
		 */
		void onSuccess();

	}

	/**
	 * Counts of retrying calls since start-up.
	 *
	 * @param successfulWithoutRetry calls that succeeded at the first attempt
	 * @param successfulWithRetry calls that succeeded after one or more retries
	 * @param failedWithRetry calls that failed after one or more retries
	 * @param failedWithoutRetry calls that failed at the first attempt and were not retried
	 * @param retryAttempts retries performed, first attempts not included
	 * @param budgetExhausted retries the retry budget refused
	 */
	record Metrics(long successfulWithoutRetry, long successfulWithRetry, long failedWithRetry,
			long failedWithoutRetry, long retryAttempts, long budgetExhausted) {
	}

}
