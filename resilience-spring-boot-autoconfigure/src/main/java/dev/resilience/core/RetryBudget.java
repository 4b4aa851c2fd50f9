package dev.resilience.core;

/**
 * Caps the retries of one retry instance relative to its traffic, so that when a dependency is
 * down retries add a bounded fraction of load instead of multiplying it: over any window,
 * {@code retries <= minPerSecond x window-seconds + ratio x first attempts}.
 *
 * <p>The window is divided into ten slots. The bound is strict: a retry stays counted until at
 * least a whole window after it happened (its slot is counted while any part of it overlaps the
 * window), and a first attempt only counts while its whole slot lies inside the window. So the
 * slots can only make the budget stricter than the exact sliding window, never looser.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface RetryBudget {

	/**
	 * Returns a budget with the given settings, counted in this application instance: each
	 * operation holds a private lock for a few array accesses and allocates nothing.
	 * @param config the settings
	 * @param clock the source of time
	 * @return the budget; one that never refuses when the settings disable it
	 */
	static RetryBudget of(RetryBudgetConfig config, Clock clock) {
		return config.enabled() ? new SlottedRetryBudget(config, clock) : SlottedRetryBudget.UNLIMITED;
	}

	/**
	 * Returns a budget that never refuses a retry.
	 * @return the unlimited budget
	 */
	static RetryBudget unlimited() {
		return SlottedRetryBudget.UNLIMITED;
	}

	/**
	 * Counts a first attempt, which earns {@code ratio} retries for the window.
	 */
	void recordFirstAttempt();

	/**
	 * Asks to retry now: granted and counted when the window's retries stay within the bound,
	 * otherwise refused and counted as exhausted. Ask when the retry starts, not before the delay
	 * that precedes it, so that a delay that is interrupted or cancelled charges nothing.
	 * @return true if the retry may go ahead
	 */
	boolean tryAcquireRetry();

	/**
	 * Whether a retry would be granted now, without counting it: asked before a delay, so that a
	 * call does not wait for a retry the budget already refuses. A refusal counts as exhausted.
	 * @return true if the budget has room for one more retry
	 */
	boolean hasRoomForRetry();

	/**
	 * Returns where the decisions are made now, as the endpoint shows it: {@code local}, or for
	 * a budget shared by the fleet {@code redis}, or {@code local (redis unavailable)} while
	 * Redis does not answer.
	 * @return the store in use
	 */
	default String store() {
		return "local";
	}

	/**
	 * Returns how many retries this budget refused since start-up, or since the last {@link #reset()}.
	 * @return the refusals
	 */
	long exhausted();

	/**
	 * Forgets the first attempts and retries counted and sets {@link #exhausted()} back to zero,
	 * as if the budget had just been created; meant for tests that share an application context.
	 * Counts made by other threads during the reset may be kept or lost. The default does
	 * nothing, so that budgets written before this method keep compiling, and keep their state.
	 * @since 0.3.0
	 */
	default void reset() {
	}

}
