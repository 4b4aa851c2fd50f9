package dev.resilience.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.Store;

/**
 * Rate limiter settings, bound to {@code resilience.rate-limiter.defaults} and to each
 * {@code resilience.rate-limiter.instances.<name>}. A value left unset ({@code null}) is taken
 * from the layer below.
 *
 * @since 0.2.0
 */
public class RateLimiterSettings {

	/**
	 * Calls that may start in any interval of length period. Between 1 and 10000: the limiter
	 * keeps the start time of each of the last limit calls (8 bytes each).
	 */
	private @Nullable Integer limit;

	/**
	 * Length of the rolling window. Positive.
	 */
	private @Nullable Duration period;

	/**
	 * Longest time a call waits for its turn; zero: refused at once.
	 */
	private @Nullable Duration maxWait;

	/**
	 * Where the starts are counted: local (in this application instance) or redis (shared by
	 * every instance of the application, through its Spring Data Redis connection).
	 */
	private @Nullable Store store;

	/** Returns settings holding the built-in defaults, which the bound defaults start from. */
	static RateLimiterSettings withBuiltInDefaults() {
		RateLimiterConfig builtIn = RateLimiterConfig.defaults();
		RateLimiterSettings settings = new RateLimiterSettings();
		settings.limit = builtIn.limit();
		settings.period = builtIn.period();
		settings.maxWait = builtIn.maxWait();
		settings.store = builtIn.store();
		return settings;
	}

	public @Nullable Integer getLimit() {
		return this.limit;
	}

	public void setLimit(@Nullable Integer limit) {
		this.limit = limit;
	}

	public @Nullable Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(@Nullable Duration period) {
		this.period = period;
	}

	public @Nullable Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(@Nullable Duration maxWait) {
		this.maxWait = maxWait;
	}

	public @Nullable Store getStore() {
		return this.store;
	}

	public void setStore(@Nullable Store store) {
		this.store = store;
	}

}
