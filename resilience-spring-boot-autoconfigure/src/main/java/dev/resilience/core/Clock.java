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
	 * Returns the clock of the system.
	 * @return the system clock
	 */
	static Clock system() {
		return SystemClock.INSTANCE;
	}

}
