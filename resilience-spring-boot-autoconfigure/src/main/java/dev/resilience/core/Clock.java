package dev.resilience.core;

/**
 * Source of time for every policy. Tests inject a manual clock so that time-based behaviour
 * (backoff, wait in open state, time-based windows) runs in microseconds without sleeping.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Clock {

	/**
	 * Returns a monotonic time in nanoseconds, only meaningful as a difference to another
	 * reading, like {@link System#nanoTime()}.
	 * @return the monotonic time
	 */
	long nanoTime();

	/**
	 * Returns the wall-clock time in milliseconds since the epoch, for timestamps of events.
	 * @return the wall-clock time
	 */
	long currentTimeMillis();

	/**
	 * Returns the wall-clock time in microseconds since the epoch, for state shared between
	 * application instances (a rate limiter kept in Redis), where a monotonic time means nothing
	 * to the other instances. The instances of a fleet must have clocks that agree (NTP): where
	 * two clocks differ by {@code s}, a shared limit can let through at most the starts of
	 * {@code s} more time. The default is {@link #currentTimeMillis()} in microseconds.
	 * @return the wall-clock time in microseconds
	 * @since 0.2.0
	 */
	default long currentTimeMicros() {
		return currentTimeMillis() * 1000;
	}

	/**
	 * Returns the clock of the system.
	 * @return the system clock
	 */
	static Clock system() {
		return SystemClock.INSTANCE;
	}

}
