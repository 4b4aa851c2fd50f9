package dev.resilience.core;

import dev.resilience.core.CircuitBreaker.Metrics;

/**
 * A time-based sliding window: the calls of the last N seconds, in N one-second buckets keyed by
 * the second of the clock's monotonic time; buckets older than N seconds are emptied as time moves
 * on, both when recording and when reading metrics.
 *
 * <p>Thread-safe: each operation reads the clock, then runs a short critical section on a private
 * lock; nothing is allocated after construction.
 */
final class TimeBasedWindow extends CircuitBreakerWindow {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final Object lock = new Object();

	private final Clock clock;

	private final int minimumCalls;

	private final int[] calls;

	private final int[] failed;

	private final int[] slow;

	private long latestSecond;

	private long totalCalls;

	private long totalFailed;

	private long totalSlow;

	TimeBasedWindow(int seconds, int minimumCalls, Clock clock) {
		this.clock = clock;
		this.minimumCalls = minimumCalls;
		this.calls = new int[seconds];
		this.failed = new int[seconds];
		this.slow = new int[seconds];
		this.latestSecond = second(clock.nanoTime());
	}

	@Override
	long record(boolean failure, boolean slow) {
		long now = second(this.clock.nanoTime());
		synchronized (this.lock) {
			moveTo(now);
			// A thread that read the clock before another one recorded counts in the newest second.
			int bucket = bucket(this.latestSecond);
			this.calls[bucket]++;
			this.totalCalls++;
			if (failure) {
				this.failed[bucket]++;
				this.totalFailed++;
			}
			if (slow) {
				this.slow[bucket]++;
				this.totalSlow++;
			}
			return rates(this.totalCalls, this.totalFailed, this.totalSlow, this.minimumCalls);
		}
	}

	@Override
	Metrics metrics(long notPermittedCalls) {
		long now = second(this.clock.nanoTime());
		synchronized (this.lock) {
			moveTo(now);
			return metrics(this.totalCalls, this.totalFailed, this.totalSlow, this.minimumCalls, notPermittedCalls);
		}
	}

	private void moveTo(long second) {
		if (second <= this.latestSecond) {
			return;
		}
		long expired = Math.min(second - this.latestSecond, this.calls.length);
		for (long i = 1; i <= expired; i++) {
			clear(bucket(this.latestSecond + i));
		}
		this.latestSecond = second;
	}

	private void clear(int bucket) {
		this.totalCalls -= this.calls[bucket];
		this.totalFailed -= this.failed[bucket];
		this.totalSlow -= this.slow[bucket];
		this.calls[bucket] = 0;
		this.failed[bucket] = 0;
		this.slow[bucket] = 0;
	}

	private int bucket(long second) {
		return (int) Math.floorMod(second, (long) this.calls.length);
	}

	private static long second(long nanos) {
		return Math.floorDiv(nanos, NANOS_PER_SECOND);
	}

}
