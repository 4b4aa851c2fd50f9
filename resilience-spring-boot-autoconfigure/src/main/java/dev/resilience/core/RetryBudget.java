package dev.resilience.core;

import java.util.concurrent.atomic.LongAdder;

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
 * <p>Thread-safe: each operation holds a private lock for a few array accesses and allocates
 * nothing.
 *
 * @since 0.1.0
 */
public final class RetryBudget {

	private static final int SLOTS_PER_WINDOW = 10;

	/** The slots of one window plus the one a retry may still overlap. */
	private static final int RING = SLOTS_PER_WINDOW + 1;

	private static final RetryBudget UNLIMITED = new RetryBudget(RetryBudgetConfig.disabled(), Clock.system());

	private final boolean enabled;

	private final double ratio;

	private final double minimum;

	private final long slotNanos;

	private final Clock clock;

	private final Object lock = new Object();

	private final long[] stamps = new long[RING];

	private final long[] firstAttempts = new long[RING];

	private final long[] retries = new long[RING];

	private final LongAdder exhausted = new LongAdder();

	private RetryBudget(RetryBudgetConfig config, Clock clock) {
		this.enabled = config.enabled();
		this.ratio = config.ratio();
		long windowNanos = config.window().toNanos();
		this.minimum = config.minPerSecond() * (windowNanos / 1e9);
		this.slotNanos = Math.max(1, windowNanos / SLOTS_PER_WINDOW);
		this.clock = clock;
		java.util.Arrays.fill(this.stamps, Long.MIN_VALUE);
	}

	/**
	 * Returns a budget with the given settings.
	 * @param config the settings
	 * @param clock the source of time
	 * @return the budget; one that never refuses when the settings disable it
	 */
	public static RetryBudget of(RetryBudgetConfig config, Clock clock) {
		return config.enabled() ? new RetryBudget(config, clock) : UNLIMITED;
	}

	/**
	 * Returns a budget that never refuses a retry.
	 * @return the unlimited budget
	 */
	public static RetryBudget unlimited() {
		return UNLIMITED;
	}

	/**
	 * Counts a first attempt, which earns {@code ratio} retries for the window.
	 */
	public void recordFirstAttempt() {
		if (!this.enabled) {
			return;
		}
		long slot = Math.floorDiv(this.clock.nanoTime(), this.slotNanos);
		synchronized (this.lock) {
			this.firstAttempts[index(slot)]++;
		}
	}

	/**
	 * Asks to retry now: granted and counted when the window's retries stay within the bound,
	 * otherwise refused and counted as exhausted. Ask when the retry starts, not before the delay
	 * that precedes it, so that a delay that is interrupted or cancelled charges nothing.
	 * @return true if the retry may go ahead
	 */
	public boolean tryAcquireRetry() {
		return decide(true);
	}

	/**
	 * Whether a retry would be granted now, without counting it: asked before a delay, so that a
	 * call does not wait for a retry the budget already refuses. A refusal counts as exhausted.
	 * @return true if the budget has room for one more retry
	 */
	public boolean hasRoomForRetry() {
		return decide(false);
	}

	private boolean decide(boolean acquire) {
		if (!this.enabled) {
			return true;
		}
		long slot = Math.floorDiv(this.clock.nanoTime(), this.slotNanos);
		synchronized (this.lock) {
			int current = index(slot);
			long spent = 0;
			long earned = 0;
			for (long past = slot - SLOTS_PER_WINDOW; past <= slot; past++) {
				int i = Math.floorMod(past, RING);
				if (this.stamps[i] == past) {
					spent += this.retries[i];
					if (past > slot - SLOTS_PER_WINDOW) {
						earned += this.firstAttempts[i];
					}
				}
			}
			if (spent + 1 <= this.minimum + this.ratio * earned) {
				if (acquire) {
					this.retries[current]++;
				}
				return true;
			}
		}
		this.exhausted.increment();
		return false;
	}

	/**
	 * Returns how many retries this budget refused since start-up.
	 * @return the refusals
	 */
	public long exhausted() {
		return this.exhausted.sum();
	}

	/** Returns the ring index of a slot, clearing it first when it last held an older slot. */
	private int index(long slot) {
		int i = Math.floorMod(slot, RING);
		if (this.stamps[i] != slot) {
			this.stamps[i] = slot;
			this.firstAttempts[i] = 0;
			this.retries[i] = 0;
		}
		return i;
	}

}
