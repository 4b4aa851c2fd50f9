package dev.resilience.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The faults injected into the calls of one instance, for game days and tests: added latency, a
 * thrown exception, and, for a guarded HTTP client's host, a status answered without sending the
 * request. Each fault applies to a call with its own rate, drawn independently; a fault left
 * unset is never injected, and a rate left unset is 1 (every call).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.3.0
 */
public final class FaultConfig {

	/** Injects nothing. */
	public static final FaultConfig NONE = builder().build();

	private final @Nullable Duration latency;

	private final double latencyRate;

	private final @Nullable Class<? extends Throwable> exception;

	private final double exceptionRate;

	private final int status;

	private final double statusRate;

	private final @Nullable Duration retryAfter;

	private FaultConfig(Builder builder) {
		this.latency = builder.latency;
		this.latencyRate = builder.latencyRate;
		this.exception = builder.exception;
		this.exceptionRate = builder.exceptionRate;
		this.status = builder.status;
		this.statusRate = builder.statusRate;
		this.retryAfter = builder.retryAfter;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The latency added before the call runs, or {@code null} for none. */
	public @Nullable Duration latency() {
		return this.latency;
	}

	/** The share of calls that get the latency, 0 to 1. */
	public double latencyRate() {
		return this.latencyRate;
	}

	/** The exception thrown instead of the call, or {@code null} for none. */
	public @Nullable Class<? extends Throwable> exception() {
		return this.exception;
	}

	/** The share of calls that get the exception, 0 to 1. */
	public double exceptionRate() {
		return this.exceptionRate;
	}

	/** The HTTP status answered instead of sending the request, or 0 for none. */
	public int status() {
		return this.status;
	}

	/** The share of requests answered with the status, 0 to 1. */
	public double statusRate() {
		return this.statusRate;
	}

	/** The {@code Retry-After} sent with the status, or {@code null} for none. */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whether this configuration injects anything at all. */
	public boolean injectsAny() {
		return this.latency != null || this.exception != null || this.status != 0;
	}

	/**
	 * Builds a {@link FaultConfig}; each setter validates its value at once.
	 *
	 * <p>Not thread-safe.
	 */
	public static final class Builder {

		/** The longest latency that may be injected, 10 minutes: a fault must end. */
		public static final Duration MAX_LATENCY = Duration.ofMinutes(10);

		private @Nullable Duration latency;

		private double latencyRate = 1.0;

		private @Nullable Class<? extends Throwable> exception;

		private double exceptionRate = 1.0;

		private int status;

		private double statusRate = 1.0;

		private @Nullable Duration retryAfter;

		private Builder() {
		}

		public Builder latency(@Nullable Duration latency) {
			if (latency != null && (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0)) {
				throw new InvalidConfigurationException("latency", latency, "a duration from 0 to 10m");
			}
			this.latency = latency;
			return this;
		}

		public Builder latencyRate(double rate) {
			this.latencyRate = Validate.between("latency-rate", rate, 0, 1);
			return this;
		}

		/**
		 * Sets the exception to throw: a concrete {@link Throwable} with a public constructor
		 * taking a message, or none.
		 * @param exception the exception type, or {@code null} for none
		 * @return this builder
		 */
		public Builder exception(@Nullable Class<? extends Throwable> exception) {
			if (exception != null && messageConstructor(exception) == null) {
				throw new InvalidConfigurationException("exception", exception.getName(),
						"a concrete Throwable with a public constructor taking a String message, or none");
			}
			this.exception = exception;
			return this;
		}

		public Builder exceptionRate(double rate) {
			this.exceptionRate = Validate.between("exception-rate", rate, 0, 1);
			return this;
		}

		public Builder status(int status) {
			if (status != 0 && (status < 400 || status > 599)) {
				throw new InvalidConfigurationException("status", status, "an HTTP error status from 400 to 599");
			}
			this.status = status;
			return this;
		}

		public Builder statusRate(double rate) {
			this.statusRate = Validate.between("status-rate", rate, 0, 1);
			return this;
		}

		public Builder retryAfter(@Nullable Duration retryAfter) {
			this.retryAfter = (retryAfter != null) ? Validate.notNegative("retry-after", retryAfter) : null;
			return this;
		}

		public FaultConfig build() {
			if (this.retryAfter != null && this.status == 0) {
				throw new InvalidConfigurationException("retry-after", this.retryAfter,
						"set only with a status, whose answer carries it");
			}
			return new FaultConfig(this);
		}

	}

	/** The constructor that takes a message, or {@code null} when the type cannot be thrown so. */
	static @Nullable Constructor<? extends Throwable> messageConstructor(Class<? extends Throwable> type) {
		if (!Throwable.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())
				|| !Modifier.isPublic(type.getModifiers())) {
			return null;
		}
		try {
			return type.getConstructor(String.class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
