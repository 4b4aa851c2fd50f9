package dev.resilience.core;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * A time limiter for synchronous calls: runs the call on a worker thread and hands control back
 * to the caller at the timeout with a {@link TimeLimitExceededException}, also when the work
 * ignores interruption (whatever it returns later is discarded). With {@code cancel-running} the
 * work is interrupted at the timeout.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface TimeLimiter {

	/**
	 * Returns a new time limiter.
	 * @param name the instance name
	 * @param config the settings
	 * @param executor runs the work; it decides which thread-local context the work sees
	 * @param listener receives outcomes
	 * @return the time limiter
	 */
	static TimeLimiter of(String name, TimeLimiterConfig config, Executor executor, ResilienceListener listener) {
		return new DefaultTimeLimiter(name, config, executor, listener);
	}

	/** Returns the instance name. */
	String name();

	/** Returns the settings. */
	TimeLimiterConfig config();

	/**
	 * Runs the call on a worker thread and waits for it at most the timeout.
	 * @param <T> the type of the result
	 * @param call the call
	 * @return the call's result
	 * @throws TimeLimitExceededException if the call did not complete in time
	 * @throws Throwable the call's own failure, unchanged
	 */
	<T extends @Nullable Object> T execute(CheckedSupplier<T> call) throws Throwable;

	/**
	 * Returns the counts since start-up.
	 * @return the metrics
	 */
	Metrics metrics();

	/**
	 * Counts of time-limited calls since start-up.
	 *
	 * @param successful calls that returned in time
	 * @param failed calls that failed in time
	 * @param timedOut calls cut off at the timeout
	 */
	record Metrics(long successful, long failed, long timedOut) {
	}

}
