package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A listener for concurrency limit tests: counts the calls by outcome and keeps every limit
 * change with the clock's time when it was reported. Thread-safe.
 */
final class ConcurrencyLimitRecordingListener implements ResilienceListener {

	private final Clock clock;

	private final AtomicLongArray calls = new AtomicLongArray(LimitOutcome.values().length);

	private final List<LimitOutcome> outcomes = new ArrayList<>();

	private final List<LimitChange> changes = new ArrayList<>();

	private volatile boolean keepOutcomes = true;

	ConcurrencyLimitRecordingListener(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onConcurrencyLimitCall(String name, LimitOutcome outcome) {
		this.calls.incrementAndGet(outcome.ordinal());
		if (this.keepOutcomes) {
			synchronized (this) {
				this.outcomes.add(outcome);
			}
		}
	}

	@Override
	public synchronized void onLimitChanged(String name, int from, int to) {
		this.changes.add(new LimitChange(from, to, this.clock.nanoTime()));
	}

	/** Stops keeping each outcome in order (many-threaded tests only count them). */
	void countOnly() {
		this.keepOutcomes = false;
	}

	/** Returns the number of calls reported with the outcome. */
	long calls(LimitOutcome outcome) {
		return this.calls.get(outcome.ordinal());
	}

	/** Returns the outcomes so far, in order. */
	synchronized List<LimitOutcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

	/** Returns the limit changes so far, in order. */
	synchronized List<LimitChange> changes() {
		return List.copyOf(this.changes);
	}

	record LimitChange(int from, int to, long nanos) {
	}

}
