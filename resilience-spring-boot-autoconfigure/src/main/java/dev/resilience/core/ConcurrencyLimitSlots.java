package dev.resilience.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The slots of one concurrency limit: the count of calls in flight and the line of calls waiting
 * for a slot, oldest first. The limit is supplied by the owner on each operation, so that a fixed
 * and an adaptive limit share the same machinery.
 *
 * <p>A released slot goes straight to the oldest waiter that still waits (the count in flight
 * does not change), unless the count exceeds a limit lowered meanwhile. No wake-up is lost: a
 * waiter enters the line and then tries for a free slot itself ({@link #dispatch}), and a release
 * that frees a slot looks at the line afterwards; whoever takes a slot for a waiter that gave up
 * meanwhile passes it on or gives it back.
 *
 * <p>At most {@value #MAX_WAITING} calls wait at once; the line holds no more than that plus the
 * waiters being removed at that moment.
 *
 * <p>Thread-safe without locks: taking a free slot is a compare-and-set on the count and
 * allocates nothing.
 */
final class ConcurrencyLimitSlots {

	/** The most calls that wait for a slot at once, {@value}. */
	static final int MAX_WAITING = 1_024;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Waiters in the line: raised before one enters, lowered after one leaves it. */
	private final AtomicInteger waiting = new AtomicInteger();

	private final ConcurrentLinkedQueue<ConcurrencyLimitWaiter> waiters = new ConcurrentLinkedQueue<>();

	/**
	 * Takes a free slot if fewer than the limit are taken.
	 * @param limit the limit in force
	 * @return true if a slot was taken
	 */
	boolean tryTake(int limit) {
		for (;;) {
			int current = this.inFlight.get();
			if (current >= limit) {
				return false;
			}
			if (this.inFlight.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	/**
	 * Puts a waiter at the end of the line, unless the line is full. The caller then calls
	 * {@link #dispatch}, so that a slot freed just before is not missed.
	 * @param waiter the waiter
	 * @return false if {@value #MAX_WAITING} calls wait already
	 */
	boolean enqueue(ConcurrencyLimitWaiter waiter) {
		for (;;) {
			int current = this.waiting.get();
			if (current >= MAX_WAITING) {
				return false;
			}
			if (this.waiting.compareAndSet(current, current + 1)) {
				break;
			}
		}
		this.waiters.offer(waiter);
		return true;
	}

	/**
	 * Takes a waiter that gave up out of the line, if it is still there.
	 * @param waiter the waiter
	 */
	void remove(ConcurrencyLimitWaiter waiter) {
		if (this.waiters.remove(waiter)) {
			this.waiting.decrementAndGet();
		}
	}

	/**
	 * Gives back a slot: hands it to the oldest waiter, or frees it.
	 * @param limit the limit in force
	 * @param grantToken the token a waiter gets with the slot
	 */
	void release(int limit, long grantToken) {
		if (this.waiting.get() > 0 && this.inFlight.get() <= limit && grantOldest(grantToken)) {
			if (this.inFlight.get() < limit) {
				// the limit rose: more waiters may start
				dispatch(limit, grantToken);
			}
			return;
		}
		this.inFlight.decrementAndGet();
		if (this.waiting.get() > 0) {
			dispatch(limit, grantToken);
		}
	}

	/**
	 * Hands free slots to the waiters, oldest first, while there are both.
	 * @param limit the limit in force
	 * @param grantToken the token a waiter gets with the slot
	 */
	void dispatch(int limit, long grantToken) {
		while (!this.waiters.isEmpty() && tryTake(limit)) {
			if (!grantOldest(grantToken)) {
				// every waiter gave up or was served meanwhile; one may have entered since
				this.inFlight.decrementAndGet();
			}
		}
	}

	/** Returns the slots taken now. */
	int inFlight() {
		return this.inFlight.get();
	}

	/** Returns the calls waiting now. */
	int waiting() {
		return this.waiting.get();
	}

	/** Hands a slot taken by the caller to the oldest waiter that takes it. */
	private boolean grantOldest(long grantToken) {
		for (ConcurrencyLimitWaiter waiter = poll(); waiter != null; waiter = poll()) {
			if (waiter.grant(grantToken)) {
				return true;
			}
		}
		return false;
	}

	private @Nullable ConcurrencyLimitWaiter poll() {
		ConcurrencyLimitWaiter waiter = this.waiters.poll();
		if (waiter != null) {
			this.waiting.decrementAndGet();
		}
		return waiter;
	}

}
