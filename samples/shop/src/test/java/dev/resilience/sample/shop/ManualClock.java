package dev.resilience.sample.shop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.core.Clock;
import dev.resilience.core.Sleeper;

/**
 * Time that moves only when a test advances it or a retry "sleeps": a breaker's wait in the open
 * state passes at once, and retries do not wait. Remembers each sleep.
 */
class ManualClock implements Clock, Sleeper {

	private static final long EPOCH_MILLIS = 1_800_000_000_000L;

	private final AtomicLong nanos = new AtomicLong();

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

	@Override
	public long nanoTime() {
		return this.nanos.get();
	}

	@Override
	public long currentTimeMillis() {
		return EPOCH_MILLIS + Duration.ofNanos(this.nanos.get()).toMillis();
	}

	@Override
	public void sleep(long nanos) {
		this.sleeps.add(Duration.ofNanos(nanos));
		this.nanos.addAndGet(Math.max(nanos, 0));
	}

}
