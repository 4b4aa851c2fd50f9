package dev.resilience.core;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The immutable settings of one retry. Built with {@link #builder()}, whose setters reject
 * out-of-range values at once with an {@link InvalidConfigurationException}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class RetryConfig {

	private final int maxAttempts;

	private final Duration delay;

	private final double multiplier;

	private final Duration maxDelay;

	private final double jitter;

	private final @Nullable Duration maxDuration;

	private final ExceptionMatcher retryOn;

	private final ExceptionMatcher abortOn;

	private final Predicate<Throwable> transientFailures;

	private final RetryAfterExtractor retryAfter;

	private final RetryBudgetConfig budget;

	private RetryConfig(Builder builder) {
		this.maxAttempts = builder.maxAttempts;
		this.delay = builder.delay;
		this.multiplier = builder.multiplier;
		this.maxDelay = builder.maxDelay;
		this.jitter = builder.jitter;
		this.maxDuration = builder.maxDuration;
		this.retryOn = builder.retryOn;
		this.abortOn = builder.abortOn;
		this.transientFailures = builder.transientFailures;
		this.retryAfter = builder.retryAfter;
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
	 * Returns the built-in defaults.
	 * @return the default configuration
	 */
	public static RetryConfig defaults() {
		return builder().build();
	}

	/** Total attempts, the first call included. */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/** Delay before the first retry. */
	public Duration delay() {
		return this.delay;
	}

	/** Factor applied to the delay after each retry. */
	public double multiplier() {
		return this.multiplier;
	}

	/** Upper bound of any single delay. */
	public Duration maxDelay() {
		return this.maxDelay;
	}

	/** Random spread of each delay, 0 to 1. */
	public double jitter() {
		return this.jitter;
	}

	/** Bound on the whole retrying call, or {@code null} for none. */
	public @Nullable Duration maxDuration() {
		return this.maxDuration;
	}

	/** Failures to retry; empty means the transient failures. */
	public ExceptionMatcher retryOn() {
		return this.retryOn;
	}

	/** Failures never retried; wins over {@link #retryOn()}. */
	public ExceptionMatcher abortOn() {
		return this.abortOn;
	}

	/** The classification used when {@link #retryOn()} is empty. */
	public Predicate<Throwable> transientFailures() {
		return this.transientFailures;
	}

	/** Reads a delay the failure itself asks for, such as HTTP {@code Retry-After}. */
	public RetryAfterExtractor retryAfter() {
		return this.retryAfter;
	}

	/** The budget that caps this instance's retries relative to its traffic. */
	public RetryBudgetConfig budget() {
		return this.budget;
	}

	/**
	 * Whether a failure may be retried. A rejection by a circuit breaker, a concurrency limit or
	 * a rate limiter never is.
	 * @param failure the failure of the last attempt
	 * @return true if it may be retried
	 */
	public boolean isRetryable(Throwable failure) {
		if (failure instanceof CallNotPermittedException || failure instanceof LimitExceededException
				|| this.abortOn.matches(failure)) {
			return false;
		}
		return this.retryOn.isEmpty() ? this.transientFailures.test(failure) : this.retryOn.matches(failure);
	}

	/**
	 * Builds a {@link RetryConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** Default total attempts, {@value}. */
		public static final int DEFAULT_MAX_ATTEMPTS = 3;

		/** Default first delay, 500 milliseconds. */
		public static final Duration DEFAULT_DELAY = Duration.ofMillis(500);

		/** Default multiplier, {@value}. */
		public static final double DEFAULT_MULTIPLIER = 2.0;

		/** Default bound of one delay, 10 seconds. */
		public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);

		/** Default jitter, {@value}. */
		public static final double DEFAULT_JITTER = 0.5;

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration delay = DEFAULT_DELAY;

		private double multiplier = DEFAULT_MULTIPLIER;

		private Duration maxDelay = DEFAULT_MAX_DELAY;

		private double jitter = DEFAULT_JITTER;

		private @Nullable Duration maxDuration;

		private ExceptionMatcher retryOn = ExceptionMatcher.none();

		private ExceptionMatcher abortOn = ExceptionMatcher.none();

		private Predicate<Throwable> transientFailures = TransientFailures.defaults();

		private RetryAfterExtractor retryAfter = RetryAfterExtractor.NONE;

		private final RetryBudgetConfig.Builder budget = RetryBudgetConfig.builder();

		private Builder() {
		}

		public Builder maxAttempts(int attempts) {
			this.maxAttempts = Validate.atLeast("max-attempts", attempts, 1);
			return this;
		}

		public Builder delay(Duration delay) {
			this.delay = Validate.notNegative("delay", delay);
			return this;
		}

		public Builder multiplier(double multiplier) {
			this.multiplier = Validate.atLeast("multiplier", multiplier, 1.0);
			return this;
		}

		public Builder maxDelay(Duration maxDelay) {
			this.maxDelay = Validate.notNegative("max-delay", maxDelay);
			return this;
		}

		public Builder jitter(double jitter) {
			this.jitter = Validate.between("jitter", jitter, 0.0, 1.0);
			return this;
		}

		/**
		 * Sets the bound on the whole retrying call.
		 * @param maxDuration a positive duration, or {@code null} for none
		 * @return this builder
		 */
		public Builder maxDuration(@Nullable Duration maxDuration) {
			this.maxDuration = (maxDuration != null) ? Validate.positive("max-duration", maxDuration) : null;
			return this;
		}

		public Builder retryOn(List<Class<? extends Throwable>> types) {
			this.retryOn = ExceptionMatcher.of(types);
			return this;
		}

		public Builder abortOn(List<Class<? extends Throwable>> types) {
			this.abortOn = ExceptionMatcher.of(types);
			return this;
		}

		/**
		 * Sets the classification used when no {@code retry-on} types are given.
		 * @param transientFailures accepts the failures to retry
		 * @return this builder
		 */
		public Builder transientFailures(Predicate<Throwable> transientFailures) {
			this.transientFailures = transientFailures;
			return this;
		}

		public Builder retryAfter(RetryAfterExtractor retryAfter) {
			this.retryAfter = retryAfter;
			return this;
		}

		/**
		 * Changes settings of the retry budget; settings not touched keep their values.
		 * @param settings changes the budget's builder
		 * @return this builder
		 */
		public Builder budget(Consumer<RetryBudgetConfig.Builder> settings) {
			settings.accept(this.budget);
			return this;
		}

		public RetryConfig build() {
			return new RetryConfig(this);
		}

	}

}
