package dev.resilience.core;

import java.util.concurrent.TimeUnit;

/**
 * Sleeps on the calling thread; the only place where policies block for real.
 */
enum SystemSleeper implements Sleeper {

	INSTANCE;

	@Override
	public void sleep(long nanos) throws InterruptedException {
		if (nanos > 0) {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
	}

}
