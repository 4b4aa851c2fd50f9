package dev.resilience.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.LimitOutcome;

/**
 * The {@link RateLimiter} of the contract, a sliding log (a rolling window): a ring of the start
 * times of the last {@code limit} calls, reserved starts included, ordered from the oldest. A
 * call at {@code now} may start at {@code max(now, oldest + period)}; reserving that start
 * overwrites the oldest. So every start lies at least one period after the start reserved
 * {@code limit} reservations before it; among any {@code limit + 1} starts, two were reserved a
 * multiple of {@code limit} reservations apart, hence at least one period apart, and no
 * half-open interval of one period holds more than {@code limit} starts. The window rolls with
 * each call instead of resetting at fixed times.
 *
 * <p>Memory: 8 bytes per unit of {@code limit} for the ring (at most 80 KB, for
 * {@link RateLimiterConfig.Builder#MAX_LIMIT}), plus about a hundred bytes of fields and headers.
 *
 * <p>Thread-safe: a reservation holds a private lock for one clock reading and a few array
 * accesses, and allocates nothing; the listener is called after the lock is released. Times are
 * compared by their difference, so that clock readings may be negative or wrap around.
 */
final class RollingWindowRateLimiter implements RateLimiter {

	private static final System.Logger logger = System.getLogger(RollingWindowRateLimiter.class.getName());

	/**
	 * Longest period or wait handled, about 73 years; longer ones count as that. Keeps
	 * {@code start + period - now}, at most period plus wait, far from overflowing.
	 */
	static final long MAX_NANOS = Long.MAX_VALUE / 4;

	private final String name;

	private final RateLimiterConfig config;

	private final Clock clock;

	private final Sleeper sleeper;

	private final ResilienceListener listener;

	private final int limit;

	private final long periodNanos;

	private final long maxWaitNanos;

	private final String refusal;

	private final Object lock = new Object();

	/** The last {@code limit} start times, oldest at {@link #oldest}; guarded by the lock. */
	private final long[] starts;

	private int oldest;

	/** Calls given a start; like the other counts, guarded by the lock. */
	private long permitted;

	private long waited;

	private long rejected;

	RollingWindowRateLimiter(String name, RateLimiterConfig config, Clock clock, Sleeper sleeper,
			ResilienceListener listener) {
		this.name = name;
		this.config = config;
		this.clock = clock;
		this.sleeper = sleeper;
		this.listener = listener;
		this.limit = config.limit();
		this.periodNanos = Math.min(Backoff.saturatedNanos(config.period()), MAX_NANOS);
		this.maxWaitNanos = Math.min(Backoff.saturatedNanos(config.maxWait()), MAX_NANOS);
		this.refusal = "Rate limiter '" + name + "' permits " + this.limit + " calls per "
				+ describe(config.period()) + " and the call's turn comes later than it may wait";
		this.starts = new long[this.limit];
		// "no start yet": starts exactly one period ago, free from now on whatever the clock reads
		Arrays.fill(this.starts, clock.nanoTime() - this.periodNanos);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public RateLimiterConfig config() {
		return this.config;
	}

	@Override
	public long reserve(@Nullable Deadline deadline) {
		// a call whose deadline has passed is refused even when it could start now
		boolean expired = deadline != null && deadline.isExpired();
		long wait;
		synchronized (this.lock) {
			wait = expired ? REFUSED : reserveTurn(deadline);
			if (wait == REFUSED) {
				this.rejected++;
			}
			else {
				this.permitted++;
				if (wait > 0) {
					this.waited++;
				}
			}
		}
		report((wait == 0) ? LimitOutcome.PERMITTED : (wait > 0) ? LimitOutcome.WAITED : LimitOutcome.REJECTED);
		return wait;
	}

	/** Reserves the next turn if it comes soon enough; called with the lock held. */
	private long reserveTurn(@Nullable Deadline deadline) {
		// read inside the lock, so that starts are reserved in order of time: the ring stays
		// ordered, its oldest entry is the earliest start, and available() can search it
		long now = this.clock.nanoTime();
		long wait = Math.max(0, this.starts[this.oldest] + this.periodNanos - now);
		if (wait > 0 && (wait > this.maxWaitNanos || (deadline != null && wait >= deadline.remainingNanos()))) {
			return REFUSED;
		}
		this.starts[this.oldest] = now + wait;
		this.oldest = (this.oldest + 1 == this.limit) ? 0 : this.oldest + 1;
		return wait;
	}

	@Override
	public LimitExceededException refused() {
		return new LimitExceededException(this.name, this.limit, this.refusal);
	}

	@Override
	public void acquire(@Nullable Deadline deadline) throws InterruptedException {
		long wait = reserve(deadline);
		if (wait == REFUSED) {
			throw refused();
		}
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
	}

	@Override
	public int available() {
		synchronized (this.lock) {
			long now = this.clock.nanoTime();
			// the ring is ordered, so the free starts are a prefix of it from the oldest
			int low = 0;
			int high = this.limit;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (this.starts[(this.oldest + middle) % this.limit] + this.periodNanos - now <= 0) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			return low;
		}
	}

	@Override
	public Metrics metrics() {
		synchronized (this.lock) {
			return new Metrics(this.permitted, this.waited, this.rejected);
		}
	}

	@Override
	public void reset() {
		synchronized (this.lock) {
			Arrays.fill(this.starts, this.clock.nanoTime() - this.periodNanos);
			this.oldest = 0;
			this.permitted = 0;
			this.waited = 0;
			this.rejected = 0;
		}
	}

	private void report(LimitOutcome outcome) {
		try {
			this.listener.onRateLimiterCall(this.name, outcome);
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Listener of rate limiter '" + this.name + "' failed; the call goes on", ex);
		}
	}

	private static String describe(Duration period) {
		boolean wholeMillis = period.getNano() % 1_000_000 == 0 && period.getSeconds() < Long.MAX_VALUE / 1000;
		return wholeMillis ? period.toMillis() + "ms" : period.toString();
	}

}
