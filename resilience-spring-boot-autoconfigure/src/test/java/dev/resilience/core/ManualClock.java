package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, and a sleeper that moves it instead of sleeping; records
 * every sleep so that tests can assert the delays chosen.
 */
public final class ManualClock implements Clock, Sleeper {

	private static final long EPOCH_MILLIS = 1_700_000_000_000L;

	private final AtomicLong nanos = new AtomicLong();

	private final List<Long> sleeps = new ArrayList<>();

	@Override
	public long nanoTime() {
		return this.nanos.get();
	}

	@Override
	public long currentTimeMillis() {
		return EPOCH_MILLIS + this.nanos.get() / 1_000_000;
	}

	@Override
	public long currentTimeMicros() {
		return EPOCH_MILLIS * 1000 + this.nanos.get() / 1000;
	}

	@Override
	public synchronized void sleep(long nanos) {
		this.sleeps.add(nanos);
		if (nanos > 0) {
			this.nanos.addAndGet(nanos);
		}
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	/**
	 * Returns the delays slept so far, in order, as durations.
	 * @return the sleeps
	 */
	public synchronized List<Duration> sleeps() {
		return this.sleeps.stream().map(Duration::ofNanos).toList();
	}

}
