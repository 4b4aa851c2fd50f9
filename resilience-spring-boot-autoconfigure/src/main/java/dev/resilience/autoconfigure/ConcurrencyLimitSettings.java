package dev.resilience.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ConcurrencyLimitConfig;

/**
 * Concurrency limit settings, bound to {@code resilience.concurrency-limit.defaults} and to each
 * {@code resilience.concurrency-limit.instances.<name>}. A value left unset ({@code null}) is
 * taken from the layer below.
 *
 * @since 0.2.0
 */
public class ConcurrencyLimitSettings {

	/**
	 * Calls of one instance that may run at once; with an adaptive limit, the limit it starts
	 * from. At least 1.
	 */
	private @Nullable Integer limit;

	/**
	 * Longest time a call waits for a slot; zero: refused at once.
	 */
	private @Nullable Duration maxWait;

	/**
	 * Whether the limit is measured from the latency of the calls (gradient of the lowest latency
	 * seen against the recent latency) rather than fixed.
	 */
	private @Nullable Boolean adaptive;

	/**
	 * Lowest limit an adaptive limit may reach. At least 1.
	 */
	private @Nullable Integer minLimit;

	/**
	 * Highest limit an adaptive limit may reach. At least min-limit.
	 */
	private @Nullable Integer maxLimit;

	/** Returns settings holding the built-in defaults, which the bound defaults start from. */
	static ConcurrencyLimitSettings withBuiltInDefaults() {
		ConcurrencyLimitConfig builtIn = ConcurrencyLimitConfig.defaults();
		ConcurrencyLimitSettings settings = new ConcurrencyLimitSettings();
		settings.limit = builtIn.limit();
		settings.maxWait = builtIn.maxWait();
		settings.adaptive = builtIn.adaptive();
		settings.minLimit = builtIn.minLimit();
		settings.maxLimit = builtIn.maxLimit();
		return settings;
	}

	public @Nullable Integer getLimit() {
		return this.limit;
	}

	public void setLimit(@Nullable Integer limit) {
		this.limit = limit;
	}

	public @Nullable Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(@Nullable Duration maxWait) {
		this.maxWait = maxWait;
	}

	public @Nullable Boolean getAdaptive() {
		return this.adaptive;
	}

	public void setAdaptive(@Nullable Boolean adaptive) {
		this.adaptive = adaptive;
	}

	public @Nullable Integer getMinLimit() {
		return this.minLimit;
	}

	public void setMinLimit(@Nullable Integer minLimit) {
		this.minLimit = minLimit;
	}

	public @Nullable Integer getMaxLimit() {
		return this.maxLimit;
	}

	public void setMaxLimit(@Nullable Integer maxLimit) {
		this.maxLimit = maxLimit;
	}

}
