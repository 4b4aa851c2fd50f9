package dev.resilience.core;

import java.time.Duration;

/**
 * The immutable settings of one concurrency limit. Built with {@link #builder()}, whose setters
 * reject out-of-range values at once with an {@link InvalidConfigurationException}; settings that
 * must agree with each other are checked by {@link Builder#build()}.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class ConcurrencyLimitConfig {

	private final int limit;

	private final Duration maxWait;

	private final boolean adaptive;

	private final int minLimit;

	private final int maxLimit;

	private ConcurrencyLimitConfig(Builder builder) {
		this.limit = builder.limit;
		this.maxWait = builder.maxWait;
		this.adaptive = builder.adaptive;
		this.minLimit = builder.minLimit;
		this.maxLimit = builder.maxLimit;
	}

	/**
	 * Returns a builder that starts from the built-in defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the built-in defaults: a fixed limit of 25 calls that refuses at once when full.
	 * @return the default configuration
	 */
	public static ConcurrencyLimitConfig defaults() {
		return builder().build();
	}

	/** Calls that may run at once; the starting point when adaptive. */
	public int limit() {
		return this.limit;
	}

	/** Longest time a call waits for a free slot; zero refuses at once. */
	public Duration maxWait() {
		return this.maxWait;
	}

	/** Whether the limit is measured from the latency of the calls instead of fixed. */
	public boolean adaptive() {
		return this.adaptive;
	}

	/** Lowest limit an adaptive limit may fall to. */
	public int minLimit() {
		return this.minLimit;
	}

	/** Highest limit an adaptive limit may climb to. */
	public int maxLimit() {
		return this.maxLimit;
	}

	/**
	 * Builds a {@link ConcurrencyLimitConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** Default limit, {@value} calls. */
		public static final int DEFAULT_LIMIT = 25;

		/** Default longest wait for a slot: none, a call is refused at once. */
		public static final Duration DEFAULT_MAX_WAIT = Duration.ZERO;

		/** Default lowest adaptive limit, {@value} call. */
		public static final int DEFAULT_MIN_LIMIT = 1;

		/** Default highest adaptive limit, {@value} calls. */
		public static final int DEFAULT_MAX_LIMIT = 200;

		private int limit = DEFAULT_LIMIT;

		private Duration maxWait = DEFAULT_MAX_WAIT;

		private boolean adaptive;

		private int minLimit = DEFAULT_MIN_LIMIT;

		private int maxLimit = DEFAULT_MAX_LIMIT;

		private Builder() {
		}

		public Builder limit(int limit) {
			this.limit = Validate.atLeast("limit", limit, 1);
			return this;
		}

		public Builder maxWait(Duration maxWait) {
			this.maxWait = Validate.notNegative("max-wait", maxWait);
			return this;
		}

		public Builder adaptive(boolean adaptive) {
			this.adaptive = adaptive;
			return this;
		}

		public Builder minLimit(int minLimit) {
			this.minLimit = Validate.atLeast("min-limit", minLimit, 1);
			return this;
		}

		public Builder maxLimit(int maxLimit) {
			this.maxLimit = Validate.atLeast("max-limit", maxLimit, 1);
			return this;
		}

		public ConcurrencyLimitConfig build() {
			if (this.minLimit > this.maxLimit) {
				throw new InvalidConfigurationException("min-limit", this.minLimit,
						"at most max-limit (" + this.maxLimit + ")");
			}
			if (this.adaptive && (this.limit < this.minLimit || this.limit > this.maxLimit)) {
				throw new InvalidConfigurationException("limit", this.limit, "an integer from " + this.minLimit
						+ " to " + this.maxLimit + " (min-limit to max-limit) for an adaptive limit");
			}
			return new ConcurrencyLimitConfig(this);
		}

	}

}
