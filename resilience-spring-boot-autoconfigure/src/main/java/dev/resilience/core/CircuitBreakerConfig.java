package dev.resilience.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * The immutable settings of one circuit breaker. Built with {@link #builder()}, whose setters
 * reject out-of-range values at once with an {@link InvalidConfigurationException}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class CircuitBreakerConfig {

	private final double failureRateThreshold;

	private final double slowCallRateThreshold;

	private final Duration slowCallDuration;

	private final SlidingWindowType slidingWindowType;

	private final int slidingWindowSize;

	private final int minimumCalls;

	private final Duration waitInOpen;

	private final int halfOpenCalls;

	private final ExceptionMatcher recordOn;

	private final ExceptionMatcher ignore;

	private final Predicate<Throwable> transientFailures;

	private CircuitBreakerConfig(Builder builder) {
		this.failureRateThreshold = builder.failureRateThreshold;
		this.slowCallRateThreshold = builder.slowCallRateThreshold;
		this.slowCallDuration = builder.slowCallDuration;
		this.slidingWindowType = builder.slidingWindowType;
		this.slidingWindowSize = builder.slidingWindowSize;
		this.minimumCalls = builder.minimumCalls;
		this.waitInOpen = builder.waitInOpen;
		this.halfOpenCalls = builder.halfOpenCalls;
		this.recordOn = builder.recordOn;
		this.ignore = builder.ignore;
		this.transientFailures = builder.transientFailures;
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
	public static CircuitBreakerConfig defaults() {
		return builder().build();
	}

	/** Failure rate in percent at which the breaker opens. */
	public double failureRateThreshold() {
		return this.failureRateThreshold;
	}

	/** Slow-call rate in percent at which the breaker opens. */
	public double slowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	/** Duration from which a call counts as slow. */
	public Duration slowCallDuration() {
		return this.slowCallDuration;
	}

	/** Whether the window counts calls or seconds. */
	public SlidingWindowType slidingWindowType() {
		return this.slidingWindowType;
	}

	/** Size of the window: calls when count-based, seconds when time-based. */
	public int slidingWindowSize() {
		return this.slidingWindowSize;
	}

	/**
	 * Calls needed in the window before a rate is computed. A count-based window never holds
	 * more than its size, so there the effective minimum is {@code min(minimumCalls, size)}.
	 */
	public int minimumCalls() {
		return this.minimumCalls;
	}

	/** Time the breaker stays open before letting trial calls through. */
	public Duration waitInOpen() {
		return this.waitInOpen;
	}

	/** Trial calls let through in half-open state. */
	public int halfOpenCalls() {
		return this.halfOpenCalls;
	}

	/** Failures recorded as failures; empty means the transient failures. */
	public ExceptionMatcher recordOn() {
		return this.recordOn;
	}

	/** Failures that are neither failures nor successes; wins over {@link #recordOn()}. */
	public ExceptionMatcher ignore() {
		return this.ignore;
	}

	/** The classification used when {@link #recordOn()} is empty. */
	public Predicate<Throwable> transientFailures() {
		return this.transientFailures;
	}

	/**
	 * Whether a failure is ignored: neither a success nor a failure. A call refused by a
	 * concurrency limit or a rate limiter always is: the dependency was not called.
	 * @param failure the failure
	 * @return true if it is ignored
	 */
	public boolean isIgnored(Throwable failure) {
		return failure instanceof LimitExceededException || this.ignore.matches(failure);
	}

	/**
	 * Whether a failure that is not ignored counts as a failure; otherwise it counts as a success
	 * (the dependency answered). A call that could not be run at all
	 * ({@link RejectedExecutionException}: no thread could be had for it) always counts as a
	 * failure: the dependency never answered.
	 * @param failure the failure
	 * @return true if it is recorded as a failure
	 */
	public boolean isRecorded(Throwable failure) {
		if (failure instanceof RejectedExecutionException) {
			return true;
		}
		return this.recordOn.isEmpty() ? this.transientFailures.test(failure) : this.recordOn.matches(failure);
	}

	/**
	 * How a sliding window measures its size.
	 */
	public enum SlidingWindowType {

		/** The last N calls. */
		COUNT_BASED,

		/** The calls of the last N seconds. */
		TIME_BASED

	}

	/**
	 * Builds a {@link CircuitBreakerConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** Default failure rate threshold, {@value} percent. */
		public static final double DEFAULT_FAILURE_RATE_THRESHOLD = 50;

		/** Default slow-call rate threshold, {@value} percent. */
		public static final double DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;

		/** Default slow-call duration, 60 seconds. */
		public static final Duration DEFAULT_SLOW_CALL_DURATION = Duration.ofSeconds(60);

		/** Default window size, {@value} calls. */
		public static final int DEFAULT_SLIDING_WINDOW_SIZE = 100;

		/** Default minimum calls, {@value}. */
		public static final int DEFAULT_MINIMUM_CALLS = 10;

		/** Default wait in open state, 30 seconds. */
		public static final Duration DEFAULT_WAIT_IN_OPEN = Duration.ofSeconds(30);

		/** Largest count-based window, {@value} calls: the window is an array of that size. */
		public static final int MAX_COUNT_BASED_WINDOW = 1_000_000;

		/** Largest time-based window, {@value} seconds (one day): one bucket per second. */
		public static final int MAX_TIME_BASED_WINDOW = 86_400;

		/** Default half-open trial calls, {@value}. */
		public static final int DEFAULT_HALF_OPEN_CALLS = 3;

		private double failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;

		private double slowCallRateThreshold = DEFAULT_SLOW_CALL_RATE_THRESHOLD;

		private Duration slowCallDuration = DEFAULT_SLOW_CALL_DURATION;

		private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;

		private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;

		private int minimumCalls = DEFAULT_MINIMUM_CALLS;

		private Duration waitInOpen = DEFAULT_WAIT_IN_OPEN;

		private int halfOpenCalls = DEFAULT_HALF_OPEN_CALLS;

		private ExceptionMatcher recordOn = ExceptionMatcher.none();

		private ExceptionMatcher ignore = ExceptionMatcher.none();

		private Predicate<Throwable> transientFailures = TransientFailures.defaults();

		private Builder() {
		}

		public Builder failureRateThreshold(double percent) {
			this.failureRateThreshold = Validate.percent("failure-rate-threshold", percent);
			return this;
		}

		public Builder slowCallRateThreshold(double percent) {
			this.slowCallRateThreshold = Validate.percent("slow-call-rate-threshold", percent);
			return this;
		}

		public Builder slowCallDuration(Duration duration) {
			this.slowCallDuration = Validate.positive("slow-call-duration", duration);
			return this;
		}

		public Builder slidingWindowType(SlidingWindowType type) {
			this.slidingWindowType = type;
			return this;
		}

		public Builder slidingWindowSize(int size) {
			if (size > MAX_COUNT_BASED_WINDOW) {
				throw new InvalidConfigurationException("sliding-window-size", size,
						"an integer from 1 to " + MAX_COUNT_BASED_WINDOW);
			}
			this.slidingWindowSize = Validate.atLeast("sliding-window-size", size, 1);
			return this;
		}

		public Builder minimumCalls(int calls) {
			this.minimumCalls = Validate.atLeast("minimum-calls", calls, 1);
			return this;
		}

		public Builder waitInOpen(Duration duration) {
			this.waitInOpen = Validate.positive("wait-in-open", duration);
			return this;
		}

		public Builder halfOpenCalls(int calls) {
			this.halfOpenCalls = Validate.atLeast("half-open-calls", calls, 1);
			return this;
		}

		public Builder recordOn(List<Class<? extends Throwable>> types) {
			this.recordOn = ExceptionMatcher.of(types);
			return this;
		}

		public Builder ignore(List<Class<? extends Throwable>> types) {
			this.ignore = ExceptionMatcher.of(types);
			return this;
		}

		/**
		 * Sets the classification used when no {@code record-on} types are given.
		 * @param transientFailures accepts the failures to record
		 * @return this builder
		 */
		public Builder transientFailures(Predicate<Throwable> transientFailures) {
			this.transientFailures = transientFailures;
			return this;
		}

		public CircuitBreakerConfig build() {
			if (this.slidingWindowType == SlidingWindowType.TIME_BASED && this.slidingWindowSize > MAX_TIME_BASED_WINDOW) {
				throw new InvalidConfigurationException("sliding-window-size", this.slidingWindowSize,
						"at most " + MAX_TIME_BASED_WINDOW + " (seconds, one day) for a time-based window");
			}
			return new CircuitBreakerConfig(this);
		}

	}

}
