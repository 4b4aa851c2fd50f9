package dev.resilience.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import dev.resilience.core.CircuitBreaker.Metrics;

/**
 * A count-based sliding window: a ring of the outcomes of the last N calls with running totals of
 * the failed and the slow ones.
 *
 * <p>Thread-safe without a lock: a call takes the next position with one atomic increment,
 * exchanges its outcome with the one it evicts from the ring, and changes the totals only when the
 * two differ. A successful call that is not slow, on a full window that holds neither failed nor
 * slow calls, changes nothing that could be observed (the ring holds only such calls) and writes
 * nothing, so that threads sharing a healthy breaker never contend. Nothing is allocated after
 * construction; the ring costs one byte per call of the window.
 */
final class CountBasedWindow extends CircuitBreakerWindow {

	private static final int FAILED = 1;

	private static final int SLOW = 2;

	/** One failed call in {@link #totals}: failed calls count in the high half. */
	private static final long ONE_FAILED = 1L << 32;

	/** The rates of a window with calls but no failed and no slow call: 0 % and 0 %. */
	private static final long NO_FAILED_OR_SLOW_CALLS = rates(1, 0, 0, 1);

	private static final VarHandle OUTCOMES = MethodHandles.arrayElementVarHandle(byte[].class);

	private static final VarHandle RECORDED;

	private static final VarHandle TOTALS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			RECORDED = lookup.findVarHandle(CountBasedWindow.class, "recorded", long.class);
			TOTALS = lookup.findVarHandle(CountBasedWindow.class, "totals", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final byte[] outcomes;

	private final int minimumCalls;

	/** The calls recorded into the ring so far; the next one goes to this position modulo N. */
	@SuppressWarnings("unused")
	private volatile long recorded;

	/**
	 * The failed calls in the ring times 2^32 plus the slow ones. Both halves change by atomic
	 * additions only, so a half may be negative for a moment (an eviction counted before the
	 * addition of the call it evicts); {@link #slowCalls} and {@link #failedCalls} read the
	 * halves as signed numbers, and every addition has landed once the threads are done.
	 */
	@SuppressWarnings("unused")
	private volatile long totals;

	CountBasedWindow(int size, int minimumCalls) {
		this.outcomes = new byte[size];
		this.minimumCalls = minimumCalls;
	}

	@Override
	long record(boolean failure, boolean slow) {
		int outcome = (failure ? FAILED : 0) | (slow ? SLOW : 0);
		int size = this.outcomes.length;
		if (outcome == 0 && (long) TOTALS.getVolatile(this) == 0 && (long) RECORDED.getVolatile(this) >= size) {
			return NO_FAILED_OR_SLOW_CALLS;
		}
		long position = (long) RECORDED.getAndAdd(this, 1L);
		int evicted = (byte) OUTCOMES.getAndSet(this.outcomes, (int) (position % size), (byte) outcome);
		long change = weight(outcome) - weight(evicted);
		long totals = (change != 0) ? (long) TOTALS.getAndAdd(this, change) + change
				: (long) TOTALS.getVolatile(this);
		long calls = Math.min(position + 1, size);
		return rates(calls, Math.min(failedCalls(totals), calls), Math.min(slowCalls(totals), calls), this.minimumCalls);
	}

	@Override
	Metrics metrics(long notPermittedCalls) {
		long totals = (long) TOTALS.getVolatile(this);
		long calls = Math.min((long) RECORDED.getVolatile(this), this.outcomes.length);
		return metrics(calls, Math.min(failedCalls(totals), calls), Math.min(slowCalls(totals), calls),
				this.minimumCalls, notPermittedCalls);
	}

	private static long weight(int outcome) {
		return ((outcome & FAILED) != 0 ? ONE_FAILED : 0) + ((outcome & SLOW) != 0 ? 1 : 0);
	}

	private static long slowCalls(long totals) {
		return Math.max(0, (int) totals);
	}

	private static long failedCalls(long totals) {
		return Math.max(0, (totals - (int) totals) >> 32);
	}

}
