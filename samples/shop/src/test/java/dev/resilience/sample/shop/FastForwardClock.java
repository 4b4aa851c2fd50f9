package dev.resilience.sample.shop;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.core.Clock;

/**
 * Real time, which a test can move forward at once: a breaker's wait in the open state can pass
 * without being waited for, while retries sleep, time limits wait and requests take as long as
 * they really do. Move it only while no request is being served: a jump shortens the deadlines
 * of calls in progress.
 */
class FastForwardClock implements Clock {

	private final AtomicLong skippedNanos = new AtomicLong();

	void skip(Duration duration) {
		this.skippedNanos.addAndGet(duration.toNanos());
	}

	@Override
	public long nanoTime() {
		return System.nanoTime() + this.skippedNanos.get();
	}

	@Override
	public long currentTimeMillis() {
		return System.currentTimeMillis() + Duration.ofNanos(this.skippedNanos.get()).toMillis();
	}

}
