package dev.resilience.core;

import java.time.Instant;

/**
 * The system's clock; the only place where policies read real time.
 */
enum SystemClock implements Clock {

	INSTANCE;

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public long currentTimeMillis() {
		return System.currentTimeMillis();
	}

	@Override
	public long currentTimeMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

}
