package dev.resilience.core;

import java.time.Duration;

/**
 * The immutable settings of one rate limiter: at most {@code limit} calls start in any
 * {@code period}, and a call over the limit waits at most {@code max-wait} for its turn. Built
 * with {@link #builder()}, whose setters reject out-of-range values at once with an
 * {@link InvalidConfigurationException}.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class RateLimiterConfig {

	private final int limit;

	private final Duration period;

	private final Duration maxWait;

	private final Store store;

	private RateLimiterConfig(Builder builder) {
		this.limit = builder.limit;
		this.period = builder.period;
		this.maxWait = builder.maxWait;
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
	 * Returns the built-in defaults.
	 * @return the default configuration
	 */
	public static RateLimiterConfig defaults() {
		return builder().build();
	}

	/** Most calls that may start in any interval of one {@link #period()}. */
	public int limit() {
		return this.limit;
	}

	/** Length of the rolling window the {@link #limit()} applies to. */
	public Duration period() {
		return this.period;
	}

	/** Longest time a call over the limit waits for its turn; zero refuses it at once. */
	public Duration maxWait() {
		return this.maxWait;
	}

	/** Where the starts are counted: in this instance, or shared by the fleet. */
	public Store store() {
		return this.store;
	}

	/**
	 * Builds a {@link RateLimiterConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** Default limit, {@value} calls per period. */
		public static final int DEFAULT_LIMIT = 100;

		/** Default period, 1 second. */
		public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

		/** Default wait for a turn: none, a call over the limit is refused at once. */
		public static final Duration DEFAULT_MAX_WAIT = Duration.ZERO;

		/**
		 * Largest limit, {@value} calls per period: the limiter keeps the start time of each of
		 * the last {@code limit} calls, 8 bytes each, so at most about 80 KB per instance.
		 */
		public static final int MAX_LIMIT = 10_000;

		private int limit = DEFAULT_LIMIT;

		private Duration period = DEFAULT_PERIOD;

		private Duration maxWait = DEFAULT_MAX_WAIT;

		private Store store = Store.LOCAL;

		private Builder() {
		}

		public Builder limit(int limit) {
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new InvalidConfigurationException("limit", limit, "an integer from 1 to " + MAX_LIMIT);
			}
			this.limit = limit;
			return this;
		}

		public Builder period(Duration period) {
			this.period = Validate.positive("period", period);
			return this;
		}

		public Builder maxWait(Duration maxWait) {
			this.maxWait = Validate.notNegative("max-wait", maxWait);
			return this;
		}

		public Builder store(Store store) {
			this.store = store;
			return this;
		}

		public RateLimiterConfig build() {
			return new RateLimiterConfig(this);
		}

	}

}
