package dev.resilience.cloud;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.TimeLimiterConfig;

/**
 * Settings given in code to the circuit breakers of the Spring Cloud factories, through their
 * {@code configure} and {@code configureDefault} methods. They are layered as annotation
 * attributes are: over {@code resilience.*.defaults} and under {@code resilience.*.instances.<id>},
 * so {@code application.yml} has the last word. Like annotation attributes, they take effect when
 * the instance of that name is created, at its first call: an instance that already exists keeps
 * its settings.
 *
 * <p>A time limit applies to a breaker's calls when {@code resilience.time-limiter.instances.<id>}
 * is configured, or when these settings ask for one with {@link Builder#timeLimiter}.
 *
 * <p>Immutable and thread-safe, if the customizers are.
 *
 * @since 0.3.0
 */
public final class CloudCircuitBreakerConfig {

	private static final CloudCircuitBreakerConfig NONE = builder().build();

	private final Consumer<CircuitBreakerConfig.Builder> circuitBreaker;

	private final @Nullable Consumer<TimeLimiterConfig.Builder> timeLimiter;

	private CloudCircuitBreakerConfig(Builder builder) {
		this.circuitBreaker = builder.circuitBreaker;
		this.timeLimiter = builder.timeLimiter;
	}

	/**
	 * Returns settings that give nothing in code: {@code application.yml} and the built-in
	 * defaults decide, and a time limit applies only where one is configured for the name.
	 * @return the settings
	 */
	public static CloudCircuitBreakerConfig none() {
		return NONE;
	}

	/**
	 * Returns a builder of settings.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the circuit breaker settings given in code.
	 * @return the customizer of the circuit breaker's settings
	 */
	public Consumer<CircuitBreakerConfig.Builder> circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Returns the time limiter settings given in code.
	 * @return the customizer of the time limiter's settings, or {@code null} when these settings
	 * ask for no time limit
	 */
	public @Nullable Consumer<TimeLimiterConfig.Builder> timeLimiter() {
		return this.timeLimiter;
	}

	/**
	 * Builds {@link CloudCircuitBreakerConfig}s; the factories hand one to {@code configure}'s
	 * consumer. Not thread-safe.
	 */
	public static final class Builder implements ConfigBuilder<CloudCircuitBreakerConfig> {

		private Consumer<CircuitBreakerConfig.Builder> circuitBreaker = (builder) -> {
		};

		private @Nullable Consumer<TimeLimiterConfig.Builder> timeLimiter;

		private Builder() {
		}

		/**
		 * Sets the circuit breaker settings given in code, as {@code @CircuitGuarded}'s
		 * attributes would.
		 * @param circuitBreaker customizes the breaker's settings
		 * @return this builder
		 */
		public Builder circuitBreaker(Consumer<CircuitBreakerConfig.Builder> circuitBreaker) {
			this.circuitBreaker = circuitBreaker;
			return this;
		}

		/**
		 * Asks for a time limit on every call of the breaker, with the settings given in code, as
		 * {@code @TimeLimited}'s attributes would; a customizer that sets nothing takes the
		 * configured defaults ({@code resilience.time-limiter.defaults}).
		 * @param timeLimiter customizes the time limiter's settings
		 * @return this builder
		 */
		public Builder timeLimiter(Consumer<TimeLimiterConfig.Builder> timeLimiter) {
			this.timeLimiter = timeLimiter;
			return this;
		}

		@Override
		public CloudCircuitBreakerConfig build() {
			return new CloudCircuitBreakerConfig(this);
		}

	}

}
