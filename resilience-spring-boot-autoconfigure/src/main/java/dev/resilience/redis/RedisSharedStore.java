package dev.resilience.redis;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.RetryBudget;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.core.SharedStore;
import dev.resilience.core.Sleeper;

/**
 * The {@link SharedStore} of a fleet on one Redis: every rate limiter configured with
 * {@code store: redis} keeps its starts under {@code <keyPrefix>ratelimiter:<name>}, every retry
 * budget its counts under {@code <keyPrefix>retrybudget:<name>}, decided by the scripts of one
 * {@link RedisScripts}.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class RedisSharedStore implements SharedStore {

	private final RedisScripts scripts;

	private final String keyPrefix;

	/**
	 * Creates the store.
	 * @param scripts runs the scripts on the application's Redis connection, bounded in time
	 * @param keyPrefix the start of every key, so that applications sharing one Redis keep apart
	 */
	public RedisSharedStore(RedisScripts scripts, String keyPrefix) {
		this.scripts = scripts;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Returns the start of every key.
	 * @return the key prefix
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	@Override
	public RateLimiter rateLimiter(String name, RateLimiterConfig config, CircuitBreaker probe, Clock clock,
			Sleeper sleeper, ResilienceListener listener) {
		return new RedisRateLimiter(name, config, this.scripts, this.keyPrefix, probe, clock, sleeper, listener);
	}

	@Override
	public RetryBudget retryBudget(String name, RetryBudgetConfig config, CircuitBreaker probe, Clock clock,
			ResilienceListener listener) {
		return new RedisRetryBudget(name, config, this.scripts, this.keyPrefix, probe, clock, listener);
	}

}
