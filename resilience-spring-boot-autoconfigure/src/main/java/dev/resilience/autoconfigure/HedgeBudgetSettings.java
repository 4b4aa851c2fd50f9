package dev.resilience.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Hedge budget settings, of the hedge defaults or of one hedge instance: over any window, hedges
 * may be at most min-per-second x window-seconds + ratio x calls. The budget of a hedge is kept
 * in this application instance. A value left unset ({@code null}) is taken from the layer below.
 *
 * @since 0.3.0
 * @see HedgeSettings
 */
public class HedgeBudgetSettings {

	/**
	 * Whether hedges are capped relative to traffic.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Hedges allowed per call in the window. Zero or more.
	 */
	private @Nullable Double ratio;

	/**
	 * Hedges per second allowed whatever the traffic, so that a quiet service hedges freely. Zero
	 * or more.
	 */
	private @Nullable Integer minPerSecond;

	/**
	 * Sliding window over which hedges and calls are counted. At least 10ms.
	 */
	private @Nullable Duration window;

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

}
