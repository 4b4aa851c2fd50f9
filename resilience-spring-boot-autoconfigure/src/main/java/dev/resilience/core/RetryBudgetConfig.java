package dev.resilience.core;

import java.time.Duration;

/**
 * The immutable settings of a retry budget: over any {@code window}, retries may be at most
 * {@code minPerSecond x window-seconds + ratio x first attempts}. Built with {@link #builder()},
 * whose setters reject out-of-range values at once with an {@link InvalidConfigurationException}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class RetryBudgetConfig {

	private static final RetryBudgetConfig DISABLED = builder().enabled(false).build();

	private final boolean enabled;

	private final double ratio;

	private final int minPerSecond;

	private final Duration window;

	private final Store store;

	private RetryBudgetConfig(Builder builder) {
		this.enabled = builder.enabled;
		this.ratio = builder.ratio;
		this.minPerSecond = builder.minPerSecond;
		this.window = builder.window;
		this.store = builder.store;
	}

	/**
	 * Returns a builder that starts from the built-in defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the built-in defaults: enabled, ratio 0.2, 10 retries per second, window 10s.
	 * @return the default configuration
	 */
	public static RetryBudgetConfig defaults() {
		return builder().build();
	}

	/**
	 * Returns a configuration that lets every retry through.
	 * @return the disabled configuration
	 */
	public static RetryBudgetConfig disabled() {
		return DISABLED;
	}

	/** Whether the budget limits retries at all. */
	public boolean enabled() {
		return this.enabled;
	}

	/** Retries allowed per first attempt in the window. */
	public double ratio() {
		return this.ratio;
	}

	/** Retries allowed per second of the window whatever the traffic, so that quiet services retry freely. */
	public int minPerSecond() {
		return this.minPerSecond;
	}

	/** The sliding window over which retries and first attempts are counted. */
	public Duration window() {
		return this.window;
	}

	/** Where retries and first attempts are counted: in this instance, or shared by the fleet. */
	public Store store() {
		return this.store;
	}

	/**
	 * Builds a {@link RetryBudgetConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** Default ratio of retries to first attempts, {@value}. */
		public static final double DEFAULT_RATIO = 0.2;

		/** Default retries per second allowed whatever the traffic, {@value}. */
		public static final int DEFAULT_MIN_PER_SECOND = 10;

		/** Default window, 10 seconds. */
		public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

		private boolean enabled = true;

		private double ratio = DEFAULT_RATIO;

		private int minPerSecond = DEFAULT_MIN_PER_SECOND;

		private Duration window = DEFAULT_WINDOW;

		private Store store = Store.LOCAL;

		private Builder() {
		}

		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		public Builder ratio(double ratio) {
			this.ratio = Validate.atLeast("budget.ratio", ratio, 0.0);
			return this;
		}

		public Builder minPerSecond(int minPerSecond) {
			this.minPerSecond = Validate.atLeast("budget.min-per-second", minPerSecond, 0);
			return this;
		}

		public Builder window(Duration window) {
			if (window.compareTo(Duration.ofMillis(10)) < 0) {
				throw new InvalidConfigurationException("budget.window", window, "a duration of at least 10ms");
			}
			this.window = window;
			return this;
		}

		public Builder store(Store store) {
			this.store = store;
			return this;
		}

		public RetryBudgetConfig build() {
			return new RetryBudgetConfig(this);
		}

	}

}
