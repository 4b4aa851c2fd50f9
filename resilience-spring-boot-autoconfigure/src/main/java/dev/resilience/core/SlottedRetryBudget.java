package dev.resilience.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link RetryBudget} of one application instance, counted in memory.
 *
 * <p>The window is divided into ten slots. The bound is strict: a retry stays counted until at
 * least a whole window after it happened (its slot is counted while any part of it overlaps the
 * window), and a first attempt only counts while its whole slot lies inside the window. So the
 * slots can only make the budget stricter than the exact sliding window, never looser.
 *
 * <p>Thread-safe: each operation holds a private lock for a few array accesses and allocates
 * nothing.
 */
final class SlottedRetryBudget implements RetryBudget {

	private static final int SLOTS_PER_WINDOW = 10;

	/** The slots of one window plus the one a retry may still overlap. */
	private static final int RING = SLOTS_PER_WINDOW + 1;

	static final RetryBudget UNLIMITED = new SlottedRetryBudget(RetryBudgetConfig.disabled(), Clock.system());

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

	SlottedRetryBudget(RetryBudgetConfig config, Clock clock) {
		this.enabled = config.enabled();
		this.ratio = config.ratio();
		long windowNanos = config.window().toNanos();
		this.minimum = config.minPerSecond() * (windowNanos / 1e9);
		this.slotNanos = Math.max(1, windowNanos / SLOTS_PER_WINDOW);
		this.clock = clock;
		java.util.Arrays.fill(this.stamps, Long.MIN_VALUE);
	}

	@Override
	public void recordFirstAttempt() {
		if (!this.enabled) {
			return;
		}
		long slot = Math.floorDiv(this.clock.nanoTime(), this.slotNanos);
		synchronized (this.lock) {
			this.firstAttempts[index(slot)]++;
		}
	}

	@Override
	public boolean tryAcquireRetry() {
		return decide(true);
	}

	@Override
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

	@Override
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
