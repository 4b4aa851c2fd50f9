package dev.resilience.core;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link RetryBudget} of one application instance, counted in memory.
 *
 * <p>The window is divided into ten slots. The bound is strict: a retry stays counted until at
 * least a whole window after it happened (its slot is counted while any part of it overlaps the
 * window), and a first attempt only counts while its whole slot lies inside the window. So the
 * slots can only make the budget stricter than the exact sliding window, never looser.
 *
 * <p>Thread-safe and allocation-free: a first attempt, counted on every call, is one atomic update
 * of its slot's count, which carries the slot it counts for; a retry decision, made only after a
 * failure, holds a private lock for a few array accesses. The counts of first attempts are kept
 * in four stripes, each on cache lines of its own, chosen by the calling thread, so that threads
 * calling through one budget at once rarely update the same line; a decision adds the stripes up.
 * The stripes cost 608 bytes per budget.
 */
final class SlottedRetryBudget implements RetryBudget {

	private static final int SLOTS_PER_WINDOW = 10;

	/** The slots of one window plus the one a retry may still overlap. */
	private static final int RING = SLOTS_PER_WINDOW + 1;

	private static final long SLOT_TAG = 0xFFFF_FFFF_0000_0000L;

	private static final long COUNT = 0xFFFF_FFFFL;

	/** Stripes of first-attempt counts: a power of two, so that a thread's stripe is a mask of its id. */
	private static final int STRIPES = 4;

	/**
	 * The distance between the rings of two stripes: a ring and 8 longs (64 bytes, a cache line) of
	 * padding, so that no cache line holds counts of two stripes.
	 */
	private static final int STRIPE_STRIDE = RING + 8;

	static final RetryBudget UNLIMITED = new SlottedRetryBudget(RetryBudgetConfig.disabled(), Clock.system());

	private final boolean enabled;

	private final double ratio;

	private final double minimum;

	private final long slotNanos;

	private final Clock clock;

	private final Object lock = new Object();

	private final long[] stamps = new long[RING];

	/**
	 * Per stripe and ring index ({@code stripe * STRIPE_STRIDE + index}): the slot counted (its
	 * low 32 bits) in the high half, the count in the low one.
	 */
	private final AtomicLongArray firstAttempts = new AtomicLongArray(STRIPES * STRIPE_STRIDE);

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
		int i = stripeOfCurrentThread() * STRIPE_STRIDE + Math.floorMod(slot, RING);
		long tag = slot << 32;
		for (;;) {
			long counted = this.firstAttempts.get(i);
			long next;
			if ((counted & SLOT_TAG) != tag) {
				next = tag | 1;
			}
			else if ((counted & COUNT) != COUNT) {
				next = counted + 1;
			}
			else {
				// more than 2^32 - 1 in one slot: not counting the rest only makes the budget stricter
				return;
			}
			if (this.firstAttempts.compareAndSet(i, counted, next)) {
				return;
			}
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
				}
				if (past > slot - SLOTS_PER_WINDOW) {
					earned += firstAttempts(i, past);
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

	/**
	 * {@inheritDoc}
	 * <p>The retries are cleared under the lock; the first attempts, counted without it, are
	 * cleared slot by slot, so a first attempt counted by another thread during the reset may
	 * survive it.
	 */
	@Override
	public void reset() {
		synchronized (this.lock) {
			java.util.Arrays.fill(this.stamps, Long.MIN_VALUE);
			java.util.Arrays.fill(this.retries, 0);
			for (int i = 0; i < this.firstAttempts.length(); i++) {
				this.firstAttempts.set(i, 0);
			}
		}
		this.exhausted.reset();
	}

	/** The first attempts of all stripes counted at ring index {@code i} for the given slot. */
	private long firstAttempts(int i, long slot) {
		long sum = 0;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			long counted = this.firstAttempts.get(stripe * STRIPE_STRIDE + i);
			if ((counted & SLOT_TAG) == slot << 32) {
				sum += counted & COUNT;
			}
		}
		return sum;
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
	private static int stripeOfCurrentThread() {
		return (int) Thread.currentThread().getId() & (STRIPES - 1);
	}

	/** Returns the ring index of a slot, clearing it first when it last held an older slot. */
	private int index(long slot) {
		int i = Math.floorMod(slot, RING);
		if (this.stamps[i] != slot) {
			this.stamps[i] = slot;
			this.retries[i] = 0;
		}
		return i;
	}

}
