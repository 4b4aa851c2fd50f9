package dev.resilience.core;

import org.jspecify.annotations.Nullable;

/**
 * Asks a breaker for a permit the way the state tests want to see it: the permit, or
 * {@code null} when the breaker rejects the call.
 */
final class Permits {

	private Permits() {
	}

	static CircuitBreaker.@Nullable Permit tryAcquire(CircuitBreaker breaker) {
		try {
			return breaker.acquirePermit();
		}
		catch (CallNotPermittedException ex) {
			return null;
		}
	}

}
