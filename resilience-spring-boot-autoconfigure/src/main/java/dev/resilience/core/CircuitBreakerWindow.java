package dev.resilience.core;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;

/**
 * The sliding window of a closed circuit breaker: keeps running totals of the recent calls, their
 * failures and slow calls in fixed arrays, and returns both rates after each recorded call.
 *
 * <p>To stay allocation-free, {@link #record} returns the two rates packed into one {@code long}
 * that {@link #failureRate(long)} and {@link #slowCallRate(long)} take apart. Implementations are
 * thread-safe.
 */
abstract class CircuitBreakerWindow {

	private static final long LOW_BITS = 0xFFFF_FFFFL;

	/**
	 * Returns a new empty window for the settings.
	 * @param config the settings: type, size and minimum calls
	 * @param clock the source of time of a time-based window
	 * @return the window
	 */
	static CircuitBreakerWindow of(CircuitBreakerConfig config, Clock clock) {
		if (config.slidingWindowType() == SlidingWindowType.TIME_BASED) {
			return new TimeBasedWindow(config.slidingWindowSize(), config.minimumCalls(), clock);
		}
		return new CountBasedWindow(config.slidingWindowSize(),
				Math.min(config.minimumCalls(), config.slidingWindowSize()));
	}

	/**
	 * Records one call.
	 * @param failure whether it failed
	 * @param slow whether it was slow
	 * @return both rates of the window including this call, as packed by {@link #rates}
	 */
	abstract long record(boolean failure, boolean slow);

	/**
	 * Returns a snapshot of the window.
	 * @param notPermittedCalls the rejected calls to report along
	 * @return the metrics
	 */
	abstract Metrics metrics(long notPermittedCalls);

	/**
	 * Computes both rates, in percent, or -1 each while fewer than the minimum calls were recorded,
	 * and packs them into one {@code long}.
	 * @param calls the calls in the window
	 * @param failed the failed calls
	 * @param slow the slow calls
	 * @param minimumCalls the calls needed before rates are computed
	 * @return the packed rates
	 */
	static long rates(long calls, long failed, long slow, int minimumCalls) {
		if (calls < minimumCalls || calls == 0) {
			return pack(-1, -1);
		}
		return pack(failed * 100f / calls, slow * 100f / calls);
	}

	/**
	 * Returns the failure rate of packed rates.
	 * @param rates the packed rates
	 * @return the failure rate in percent, or -1
	 */
	static float failureRate(long rates) {
		return Float.intBitsToFloat((int) (rates >>> 32));
	}

	/**
	 * Returns the slow-call rate of packed rates.
	 * @param rates the packed rates
	 * @return the slow-call rate in percent, or -1
	 */
	static float slowCallRate(long rates) {
		return Float.intBitsToFloat((int) rates);
	}

	/**
	 * Returns a snapshot of a window's totals, counts capped at {@link Integer#MAX_VALUE}.
	 * @param calls the calls in the window
	 * @param failed the failed calls
	 * @param slow the slow calls
	 * @param minimumCalls the calls needed before rates are computed
	 * @param notPermittedCalls the rejected calls to report along
	 * @return the metrics
	 */
	static Metrics metrics(long calls, long failed, long slow, int minimumCalls, long notPermittedCalls) {
		long rates = rates(calls, failed, slow, minimumCalls);
		return new Metrics(failureRate(rates), slowCallRate(rates), saturated(calls), saturated(failed),
				saturated(slow), notPermittedCalls);
	}

	private static long pack(float failureRate, float slowCallRate) {
		return ((long) Float.floatToIntBits(failureRate) << 32) | (Float.floatToIntBits(slowCallRate) & LOW_BITS);
	}

	private static int saturated(long count) {
		return (int) Math.min(count, Integer.MAX_VALUE);
	}

}
