package dev.resilience.core;

import dev.resilience.core.CircuitBreaker.Metrics;

/**
 * A count-based sliding window: a ring of the outcomes of the last N calls with running totals.
 *
 * <p>Thread-safe: each operation is a short critical section on a private lock; nothing is
 * allocated after construction.
 */
final class CountBasedWindow extends CircuitBreakerWindow {

	private static final byte FAILED = 1;

	private static final byte SLOW = 2;

	private final Object lock = new Object();

	private final byte[] outcomes;

	private final int minimumCalls;

	private int next;

	private int calls;

	private int failed;

	private int slow;

	CountBasedWindow(int size, int minimumCalls) {
		this.outcomes = new byte[size];
		this.minimumCalls = minimumCalls;
	}

	@Override
	long record(boolean failure, boolean slow) {
		byte outcome = (byte) ((failure ? FAILED : 0) | (slow ? SLOW : 0));
		synchronized (this.lock) {
			if (this.calls == this.outcomes.length) {
				byte oldest = this.outcomes[this.next];
				this.failed -= oldest & FAILED;
				this.slow -= (oldest & SLOW) >> 1;
			}
			else {
				this.calls++;
			}
			this.outcomes[this.next] = outcome;
			this.failed += outcome & FAILED;
			this.slow += (outcome & SLOW) >> 1;
			this.next = (this.next + 1 == this.outcomes.length) ? 0 : this.next + 1;
			return rates(this.calls, this.failed, this.slow, this.minimumCalls);
		}
	}

	@Override
	Metrics metrics(long notPermittedCalls) {
		synchronized (this.lock) {
			return metrics(this.calls, this.failed, this.slow, this.minimumCalls, notPermittedCalls);
		}
	}

}
