package dev.resilience.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.Sleeper;

/**
 * A sleeper for the server's tests: records every wait asked for, and lets it end only when the
 * test opens the gate (or at once when the gate is open), so that no test waits for real time.
 * Counts the waits under way and the most seen at once. Thread-safe.
 */
final class GatedSleeper implements Sleeper {

	private final Semaphore gate = new Semaphore(0);

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicInteger mostWaiting = new AtomicInteger();

	private volatile boolean open;

	@Override
	public void sleep(long nanos) throws InterruptedException {
		this.waits.add(Duration.ofNanos(nanos));
		this.mostWaiting.accumulateAndGet(this.waiting.incrementAndGet(), Math::max);
		try {
			if (!this.open && !this.gate.tryAcquire(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The test never let this wait end");
			}
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	/** Lets the given number of waits end. */
	void release(int waits) {
		this.gate.release(waits);
	}

	/** Lets every wait end at once, from now on. */
	void open() {
		this.open = true;
		this.gate.release(Integer.MAX_VALUE / 2);
	}

	List<Duration> waits() {
		return List.copyOf(this.waits);
	}

	int waiting() {
		return this.waiting.get();
	}

	int mostWaiting() {
		return this.mostWaiting.get();
	}

}
