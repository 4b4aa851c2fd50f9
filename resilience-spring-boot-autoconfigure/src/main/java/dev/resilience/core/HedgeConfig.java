package dev.resilience.core;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The immutable settings of a hedge: at most {@code maxAttempts} attempts of one call in all,
 * the next sent when none has answered after {@code delay} (a duration or a percentile of the
 * recent latency, {@code minDelay} until {@link #MINIMUM_CALLS} calls were seen), and the hedges
 * capped by a budget of the retry budget's shape. Built with {@link #builder()}, whose setters
 * reject out-of-range values at once with an {@link InvalidConfigurationException}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class HedgeConfig {

	/** The calls a percentile delay needs to have seen before it follows their latency. */
	public static final int MINIMUM_CALLS = 20;

	private final int maxAttempts;

	private final HedgeDelay delay;

	private final Duration minDelay;

	private final RetryBudgetConfig budget;

	private HedgeConfig(Builder builder) {
		this.maxAttempts = builder.maxAttempts;
		this.delay = builder.delay;
		this.minDelay = builder.minDelay;
		this.budget = builder.budget.build();
	}

	/**
	 * Returns a builder that starts from the built-in defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the built-in defaults: 2 attempts, delay {@code p95}, min-delay 50ms, a budget of
	 * ratio 0.1, 5 hedges per second and a 10s window.
	 * @return the default configuration
	 */
	public static HedgeConfig defaults() {
		return builder().build();
	}

	/**
	 * Returns a budget builder that starts from the hedge's budget defaults (ratio 0.1, 5 per
	 * second, window 10s) rather than the retry budget's.
	 * @return a new budget builder
	 */
	public static RetryBudgetConfig.Builder budgetBuilder() {
		return RetryBudgetConfig.builder()
			.ratio(Builder.DEFAULT_BUDGET_RATIO)
			.minPerSecond(Builder.DEFAULT_BUDGET_MIN_PER_SECOND)
			.window(Builder.DEFAULT_BUDGET_WINDOW);
	}

	/** Attempts of one call in all, the first included: at least 2. */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/** How long to wait for an answer before sending the next attempt. */
	public HedgeDelay delay() {
		return this.delay;
	}

	/** The delay of a percentile until {@link #MINIMUM_CALLS} calls were seen. */
	public Duration minDelay() {
		return this.minDelay;
	}

	/** The budget that caps hedges: hedges per first attempt in a window, and a floor per second. */
	public RetryBudgetConfig budget() {
		return this.budget;
	}

	/**
	 * Builds a {@link HedgeConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** Default attempts of one call in all, {@value}. */
		public static final int DEFAULT_MAX_ATTEMPTS = 2;

		/** The most attempts of one call, {@value}: each is load on the dependency. */
		public static final int MAX_ATTEMPTS = 10;

		/** Default delay, the 95th percentile of the recent latency. */
		public static final HedgeDelay DEFAULT_DELAY = HedgeDelay.percentile(95);

		/** Default delay until a percentile can be read, 50 milliseconds. */
		public static final Duration DEFAULT_MIN_DELAY = Duration.ofMillis(50);

		/** Default hedges per first attempt in the budget's window, {@value}. */
		public static final double DEFAULT_BUDGET_RATIO = 0.1;

		/** Default hedges per second allowed whatever the traffic, {@value}. */
		public static final int DEFAULT_BUDGET_MIN_PER_SECOND = 5;

		/** Default window of the hedge budget, 10 seconds. */
		public static final Duration DEFAULT_BUDGET_WINDOW = Duration.ofSeconds(10);

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private HedgeDelay delay = DEFAULT_DELAY;

		private Duration minDelay = DEFAULT_MIN_DELAY;

		private RetryBudgetConfig.Builder budget = budgetBuilder();

		private Builder() {
		}

		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 2 || maxAttempts > MAX_ATTEMPTS) {
				throw new InvalidConfigurationException("max-attempts", maxAttempts,
						"an integer from 2 to " + MAX_ATTEMPTS);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		public Builder delay(HedgeDelay delay) {
			this.delay = delay;
			return this;
		}

		public Builder minDelay(Duration minDelay) {
			this.minDelay = Validate.notNegative("min-delay", minDelay);
			return this;
		}

		/**
		 * Replaces the budget's settings.
		 * @param budget the settings
		 * @return this builder
		 */
		public Builder budget(RetryBudgetConfig budget) {
			this.budget = RetryBudgetConfig.builder()
				.enabled(budget.enabled())
				.ratio(budget.ratio())
				.minPerSecond(budget.minPerSecond())
				.window(budget.window())
				.store(budget.store());
			return this;
		}

		/**
		 * Changes settings of the budget; settings not touched keep their values.
		 * @param settings changes the budget's builder
		 * @return this builder
		 */
		public Builder budget(Consumer<RetryBudgetConfig.Builder> settings) {
			settings.accept(this.budget);
			return this;
		}

		public HedgeConfig build() {
			return new HedgeConfig(this);
		}

	}

}
