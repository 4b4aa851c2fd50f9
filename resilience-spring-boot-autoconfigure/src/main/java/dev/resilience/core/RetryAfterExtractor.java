package dev.resilience.core;

/**
 * Reads the delay a failure asks for before the next attempt, such as an HTTP {@code Retry-After}
 * header carried by an HTTP client exception.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RetryAfterExtractor {

	/**
	 * Extractor for failures that never carry a delay.
	 */
	RetryAfterExtractor NONE = (failure, nowMillis) -> -1;

	/**
	 * Returns the delay the failure asks for.
	 * @param failure the failure of the last attempt
	 * @param nowMillis the current wall-clock time, for dates in the failure
	 * @return the delay in nanoseconds, or -1 when the failure asks for none
	 */
	long retryAfterNanos(Throwable failure, long nowMillis);

}
