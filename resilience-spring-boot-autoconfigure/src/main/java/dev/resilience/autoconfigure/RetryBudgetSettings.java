package dev.resilience.autoconfigure;

import java.time.Duration;

import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.core.Store;
import org.jspecify.annotations.Nullable;

/**
 * Retry budget settings, of the retry defaults or of one retry instance: over any window,
 * retries may be at most min-per-second x window-seconds + ratio x first attempts. A value left
 * unset ({@code null}) is taken from the layer below.
 *
 * @since 0.1.0
 * @see RetrySettings
 */
public class RetryBudgetSettings {

	/**
	 * Whether retries are capped relative to traffic.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Retries allowed per first attempt in the window. Zero or more.
	 */
	private @Nullable Double ratio;

	/**
	 * Retries per second allowed whatever the traffic, so that a quiet service is never
	 * throttled. Zero or more.
	 */
	private @Nullable Integer minPerSecond;

	/**
	 * Sliding window over which retries and first attempts are counted. At least 10ms.
	 */
	private @Nullable Duration window;

	/**
	 * Where retries and first attempts are counted: local (in this application instance) or
	 * redis (shared by every instance of the application, through its Spring Data Redis
	 * connection).
	 */
	private @Nullable Store store;

	/** Returns settings holding the built-in defaults, which the bound defaults start from. */
	static RetryBudgetSettings withBuiltInDefaults() {
		RetryBudgetSettings settings = new RetryBudgetSettings();
		settings.enabled = true;
		settings.ratio = RetryBudgetConfig.Builder.DEFAULT_RATIO;
		settings.minPerSecond = RetryBudgetConfig.Builder.DEFAULT_MIN_PER_SECOND;
		settings.window = RetryBudgetConfig.Builder.DEFAULT_WINDOW;
		settings.store = Store.LOCAL;
		return settings;
	}

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Double getRatio() {
		return this.ratio;
	}

	public void setRatio(@Nullable Double ratio) {
		this.ratio = ratio;
	}

	public @Nullable Integer getMinPerSecond() {
		return this.minPerSecond;
	}

	public void setMinPerSecond(@Nullable Integer minPerSecond) {
		this.minPerSecond = minPerSecond;
	}

	public @Nullable Duration getWindow() {
		return this.window;
	}

	public void setWindow(@Nullable Duration window) {
		this.window = window;
	}

	public @Nullable Store getStore() {
		return this.store;
	}

	public void setStore(@Nullable Store store) {
		this.store = store;
	}

}
