package dev.resilience.autoconfigure;

import java.time.Duration;

import dev.resilience.core.TimeLimiterConfig;
import org.jspecify.annotations.Nullable;

/**
 * Time limiter settings, bound to {@code resilience.time-limiter.defaults} and to each
 * {@code resilience.time-limiter.instances.<name>}. A value left unset ({@code null}) is taken
 * from the layer below.
 *
 * @since 0.1.0
 */
public class TimeLimiterSettings {

	/**
	 * Longest time a call may take. Positive.
	 */
	private @Nullable Duration timeout;

	/**
	 * Whether the work is interrupted when it times out.
	 */
	private @Nullable Boolean cancelRunning;

	/** Returns settings holding the built-in defaults, which the bound defaults start from. */
	static TimeLimiterSettings withBuiltInDefaults() {
		TimeLimiterSettings settings = new TimeLimiterSettings();
		settings.timeout = TimeLimiterConfig.Builder.DEFAULT_TIMEOUT;
		settings.cancelRunning = true;
		return settings;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable Boolean getCancelRunning() {
		return this.cancelRunning;
	}

	public void setCancelRunning(@Nullable Boolean cancelRunning) {
		this.cancelRunning = cancelRunning;
	}

}
