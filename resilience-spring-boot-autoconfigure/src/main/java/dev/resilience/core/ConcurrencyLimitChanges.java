package dev.resilience.core;

import java.lang.System.Logger.Level;

/**
 * Reports the changes of an adaptive concurrency limit to the listener, at most once per
 * {@link #MIN_INTERVAL_NANOS second}: a change is reported when the limit differs from the value
 * last reported and a second has passed since that report; the first change is reported at once.
 * A change followed by no further computation of the limit is reported with the next one.
 *
 * <p>Thread-safe: the decision is taken under a private lock, the listener is called outside it.
 */
final class ConcurrencyLimitChanges {

	private static final System.Logger logger = System.getLogger(ConcurrencyLimitChanges.class.getName());

	/** Shortest time between two reports, one second. */
	static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

	private final String name;

	private final Clock clock;

	private final ResilienceListener listener;

	private final Object lock = new Object();

	private int lastReported;

	private long lastReportNanos;

	private boolean reportedYet;

	ConcurrencyLimitChanges(String name, int initialLimit, Clock clock, ResilienceListener listener) {
		this.name = name;
		this.lastReported = initialLimit;
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * The limit was computed again: reports it if it changed and the last report is old enough.
	 * @param limit the limit now in force
	 */
	void computed(int limit) {
		int from;
		synchronized (this.lock) {
			if (limit == this.lastReported) {
				return;
			}
			long now = this.clock.nanoTime();
			if (this.reportedYet && now - this.lastReportNanos < MIN_INTERVAL_NANOS) {
				return;
			}
			from = this.lastReported;
			this.lastReported = limit;
			this.lastReportNanos = now;
			this.reportedYet = true;
		}
		report(from, limit);
	}

	/**
	 * The limit was put back to its initial value: reports it at once if it differs from the
	 * value last reported, and lets the next change be reported at once too.
	 * @param limit the limit now in force
	 */
	void reset(int limit) {
		int from;
		synchronized (this.lock) {
			from = this.lastReported;
			this.lastReported = limit;
			this.reportedYet = false;
		}
		if (from != limit) {
			report(from, limit);
		}
	}

	private void report(int from, int limit) {
		try {
			this.listener.onLimitChanged(this.name, from, limit);
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING,
					"Listener of concurrency limit '" + this.name + "' failed; the call goes on", ex);
		}
	}

}
