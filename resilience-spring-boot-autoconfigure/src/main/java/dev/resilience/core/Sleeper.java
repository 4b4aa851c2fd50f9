package dev.resilience.core;

/**
 * Waits between retry attempts. Tests inject one that advances a manual clock instead of
 * sleeping.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Blocks the calling thread for the given time.
	 * @param nanos the time to wait, in nanoseconds; zero or negative returns at once
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	void sleep(long nanos) throws InterruptedException;

	/**
	 * Returns the sleeper that blocks the calling thread with {@link Thread#sleep}.
	 * @return the system sleeper
	 */
	static Sleeper system() {
		return SystemSleeper.INSTANCE;
	}

}
