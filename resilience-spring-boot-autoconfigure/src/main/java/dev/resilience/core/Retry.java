package dev.resilience.core;

import org.jspecify.annotations.Nullable;

/**
 * A retry: runs a call again when it fails with a retryable failure, up to {@code max-attempts}
 * attempts, waiting an exponentially growing, jittered delay in between, and never starting a
 * delay that would end past {@code max-duration}. When it gives up, the last failure is rethrown
 * unchanged.
 *
 * <p>Thread-safe; per-call state lives on the caller's stack.
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
		return new DefaultRetry(name, config, clock, sleeper, listener);
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
	 * Returns the counts since start-up.
	 * @return the metrics
	 */
	Metrics metrics();

	/**
	 * Counts of retrying calls since start-up.
	 *
	 * @param successfulWithoutRetry calls that succeeded at the first attempt
	 * @param successfulWithRetry calls that succeeded after one or more retries
	 * @param failedWithRetry calls that failed after one or more retries
	 * @param failedWithoutRetry calls that failed at the first attempt and were not retried
	 * @param retryAttempts retries performed, first attempts not included
	 */
	record Metrics(long successfulWithoutRetry, long successfulWithRetry, long failedWithRetry,
			long failedWithoutRetry, long retryAttempts) {
	}

}
