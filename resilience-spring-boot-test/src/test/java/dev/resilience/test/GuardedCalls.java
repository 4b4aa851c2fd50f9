package dev.resilience.test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Retryable;

/**
 * A bean with guarded methods for the Spring tests of this module: a breaker named
 * {@code stock} and a retry named {@code prices}, their settings in the tests' properties.
 */
public class GuardedCalls {

	private final AtomicInteger pricesFailuresLeft = new AtomicInteger();

	/** Makes the next calls of {@link #prices()} fail with an IOException. */
	public void failPrices(int times) {
		this.pricesFailuresLeft.set(times);
	}

	@CircuitGuarded(name = "stock")
	public String stock(boolean fail) throws IOException {
		if (fail) {
			throw new IOException("stock down");
		}
		return "42";
	}

	@Retryable(name = "prices")
	public String prices() throws IOException {
		if (this.pricesFailuresLeft.getAndDecrement() > 0) {
			throw new IOException("prices down");
		}
		return "9.99";
	}

}
