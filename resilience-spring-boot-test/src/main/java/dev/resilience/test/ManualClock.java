package dev.resilience.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.core.Clock;
import dev.resilience.core.Sleeper;

/**
 * Time that moves only when a test {@link #advance advances} it or a retry "sleeps": as the
 * application's {@link Clock} and {@link Sleeper} (see {@link ManualResilienceClock}), a
 * breaker's wait in the open state passes when the test says so, retries do not wait, and
 * budgets, rate limits and deadlines see only the time the test made pass. A sleep moves the
 * clock by the time asked at once, and is recorded.
 *
 * <p>What waits for real time elsewhere still does: the time limiter's timeout and the timers
 * of asynchronous delays run on the starter's scheduler.
 *
 * <p>Thread-safe.
 *
 * @since 0.3.0
 */
public final class ManualClock implements Clock, Sleeper {

	/** The wall-clock time of a new clock: 2030-01-01T00:00:00Z. */
	public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

	private final long startMicros;

	private final AtomicLong nanos = new AtomicLong();

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	/** Creates a clock whose wall-clock time starts at {@link #DEFAULT_START}. */
	public ManualClock() {
		this(DEFAULT_START);
	}

	/**
	 * Creates a clock whose wall-clock time starts at the given instant; its monotonic time
	 * starts at 0.
	 * @param start the wall-clock time now
	 */
	public ManualClock(Instant start) {
		this.startMicros = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000L),
				start.getNano() / 1_000);
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far; not negative
	 */
	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Time moves forward only, not by " + duration);
		}
		this.nanos.addAndGet(duration.toNanos());
	}

	/** Returns the time passed since the clock was created. */
	public Duration elapsed() {
		return Duration.ofNanos(this.nanos.get());
	}

	/** Returns the wall-clock time now. */
	public Instant instant() {
		return Instant.EPOCH.plusNanos(Math.multiplyExact(this.startMicros, 1_000L) + this.nanos.get());
	}

	/**
	 * Returns every sleep asked for since the clock was created or {@link #clearSleeps()}, in the
	 * order asked.
	 * @return a copy of the sleeps
	 */
	public List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

	/** Forgets the sleeps recorded; time is not turned back. */
	public void clearSleeps() {
		this.sleeps.clear();
	}

	@Override
	public long nanoTime() {
		return this.nanos.get();
	}

	@Override
	public long currentTimeMillis() {
		return currentTimeMicros() / 1_000;
	}

	@Override
	public long currentTimeMicros() {
		return this.startMicros + this.nanos.get() / 1_000;
	}

	/**
	 * Records the sleep and moves the clock by its time, at once.
	 * @param nanos the time asked for; zero or negative records it and moves nothing
	 */
	@Override
	public void sleep(long nanos) {
		this.sleeps.add(Duration.ofNanos(nanos));
		if (nanos > 0) {
			this.nanos.addAndGet(nanos);
		}
	}

	@Override
	public String toString() {
		return "ManualClock " + instant();
	}

}
