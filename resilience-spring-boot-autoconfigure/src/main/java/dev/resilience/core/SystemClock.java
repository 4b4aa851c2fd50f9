package dev.resilience.core;

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

}
