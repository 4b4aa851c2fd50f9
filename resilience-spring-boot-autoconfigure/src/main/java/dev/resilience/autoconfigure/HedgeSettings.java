package dev.resilience.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

import dev.resilience.core.HedgeConfig;

/**
 * Hedge settings, bound to {@code resilience.hedge.defaults} and to each
 * {@code resilience.hedge.instances.<name>}. A value left unset ({@code null}) is taken from the
 * layer below.
 *
 * @since 0.3.0
 */
public class HedgeSettings {

	/**
	 * Attempts of one call in all, the first included. From 2 to 10.
	 */
	private @Nullable Integer maxAttempts;

	/**
	 * How long to wait for an answer before sending the next attempt: a duration (80ms), or a
	 * percentile of the instance's own recent latency (p90, p95, p99).
	 */
	private @Nullable String delay;

	/**
	 * Delay of a percentile until 20 calls were seen. Zero or more.
	 */
	private @Nullable Duration minDelay;

	/**
	 * Budget that caps hedges relative to the calls: over any window, hedges may be at most
	 * min-per-second x window-seconds + ratio x calls; a hedge it refuses is not sent.
	 */
	@NestedConfigurationProperty
	private final HedgeBudgetSettings budget = new HedgeBudgetSettings();

	/** Returns settings holding the built-in defaults, which the bound defaults start from. */
	static HedgeSettings withBuiltInDefaults() {
		HedgeConfig builtIn = HedgeConfig.defaults();
		HedgeSettings settings = new HedgeSettings();
		settings.maxAttempts = builtIn.maxAttempts();
		settings.delay = builtIn.delay().toString();
		settings.minDelay = builtIn.minDelay();
		HedgeBudgetSettings budget = settings.budget;
		budget.setEnabled(builtIn.budget().enabled());
		budget.setRatio(builtIn.budget().ratio());
		budget.setMinPerSecond(builtIn.budget().minPerSecond());
		budget.setWindow(builtIn.budget().window());
		return settings;
	}

	public @Nullable Integer getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(@Nullable Integer maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public @Nullable String getDelay() {
		return this.delay;
	}

	public void setDelay(@Nullable String delay) {
		this.delay = delay;
	}

	public @Nullable Duration getMinDelay() {
		return this.minDelay;
	}

	public void setMinDelay(@Nullable Duration minDelay) {
		this.minDelay = minDelay;
	}

	public HedgeBudgetSettings getBudget() {
		return this.budget;
	}

}
