package dev.resilience.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Computes the delay before each retry: {@code delay * multiplier^(n-1)} for the retry after the
 * n-th failed attempt, capped at {@code max-delay}, then multiplied by a random factor in
 * {@code [1-jitter, 1+jitter]} and capped again.
 *
 * <p>Immutable and thread-safe; the random factor comes from {@link ThreadLocalRandom}.
 */
final class Backoff {

	private final double delayNanos;

	private final double multiplier;

	private final long maxDelayNanos;

	private final double jitter;

	Backoff(Duration delay, double multiplier, Duration maxDelay, double jitter) {
		this.delayNanos = saturatedNanos(delay);
		this.multiplier = multiplier;
		this.maxDelayNanos = saturatedNanos(maxDelay);
		this.jitter = jitter;
	}

	/**
	 * Returns the backoff of a retry configuration.
	 * @param config the configuration
	 * @return the backoff
	 */
	static Backoff of(RetryConfig config) {
		return new Backoff(config.delay(), config.multiplier(), config.maxDelay(), config.jitter());
	}

	/**
	 * Returns the bound of any single delay.
	 * @return the maximum delay in nanoseconds
	 */
	long maxDelayNanos() {
		return this.maxDelayNanos;
	}

	/**
	 * Returns the delay before the retry that follows a failed attempt, jittered.
	 * @param failedAttempt the number of the attempt that failed, 1-based
	 * @return the delay in nanoseconds, from 0 to the maximum delay
	 */
	long delayNanos(int failedAttempt) {
		if (this.jitter == 0.0) {
			return delayNanos(failedAttempt, 0.5);
		}
		return delayNanos(failedAttempt, ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Returns the delay before the retry that follows a failed attempt, for a given draw of the
	 * random factor.
	 * @param failedAttempt the number of the attempt that failed, 1-based
	 * @param random a number in {@code [0, 1]}: 0 gives the lowest factor {@code 1-jitter},
	 * 0.5 no change, 1 the highest factor {@code 1+jitter}
	 * @return the delay in nanoseconds, from 0 to the maximum delay
	 */
	long delayNanos(int failedAttempt, double random) {
		double base = Math.min(this.delayNanos * Math.pow(this.multiplier, failedAttempt - 1), this.maxDelayNanos);
		double factor = 1.0 - this.jitter + 2.0 * this.jitter * random;
		double jittered = Math.min(base * factor, this.maxDelayNanos);
		return (jittered > 0.0) ? (long) jittered : 0L;
	}

	/**
	 * Converts a duration to nanoseconds, saturating at {@link Long#MAX_VALUE} (about 292 years).
	 * @param duration a duration of zero or more
	 * @return its nanoseconds
	 */
	static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

}
