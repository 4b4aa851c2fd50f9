package dev.resilience.core;

import java.time.Duration;

/**
 * The immutable settings of one time limiter. Built with {@link #builder()}, whose setters reject
 * out-of-range values at once with an {@link InvalidConfigurationException}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class TimeLimiterConfig {

	private final Duration timeout;

	private final boolean cancelRunning;

	private TimeLimiterConfig(Builder builder) {
		this.timeout = builder.timeout;
		this.cancelRunning = builder.cancelRunning;
	}

	/**
	 * Returns a builder that starts from the built-in defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the built-in defaults.
	 * @return the default configuration
	 */
	public static TimeLimiterConfig defaults() {
		return builder().build();
	}

	/** Longest time a call may take. */
	public Duration timeout() {
		return this.timeout;
	}

	/** Whether the work is interrupted at the timeout. */
	public boolean cancelRunning() {
		return this.cancelRunning;
	}

	/**
	 * Builds a {@link TimeLimiterConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** Default timeout, 5 seconds. */
		public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

		private Duration timeout = DEFAULT_TIMEOUT;

		private boolean cancelRunning = true;

		private Builder() {
		}

		public Builder timeout(Duration timeout) {
			this.timeout = Validate.positive("timeout", timeout);
			return this;
		}

		public Builder cancelRunning(boolean cancelRunning) {
			this.cancelRunning = cancelRunning;
			return this;
		}

		public TimeLimiterConfig build() {
			return new TimeLimiterConfig(this);
		}

	}

}
