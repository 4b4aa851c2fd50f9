package dev.resilience.core;

import java.util.function.Consumer;

/**
 * Supplies the settings of a named instance, layering what is configured for it over settings
 * given in code (annotation attributes).
 *
 * @since 0.1.0
 */
public interface ConfigSource {

	/**
	 * Returns the settings of a circuit breaker.
	 * @param name the instance name
	 * @param fromCode settings given in code, applied over the defaults and under the instance's
	 * own configuration
	 * @return the settings
	 */
	CircuitBreakerConfig circuitBreaker(String name, Consumer<CircuitBreakerConfig.Builder> fromCode);

	/**
	 * Returns the settings of a retry.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the settings
	 */
	RetryConfig retry(String name, Consumer<RetryConfig.Builder> fromCode);

	/**
	 * Returns the settings of a time limiter.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the settings
	 */
	TimeLimiterConfig timeLimiter(String name, Consumer<TimeLimiterConfig.Builder> fromCode);

	/**
	 * Returns the settings of a concurrency limit.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the settings
	 */
	ConcurrencyLimitConfig concurrencyLimit(String name, Consumer<ConcurrencyLimitConfig.Builder> fromCode);

	/**
	 * Returns the settings of a rate limiter.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the settings
	 */
	RateLimiterConfig rateLimiter(String name, Consumer<RateLimiterConfig.Builder> fromCode);

	/**
	 * Returns the settings of a hedge. By default the built-in defaults with the settings given
	 * in code, so that a source written before hedges existed goes on compiling.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the settings
	 */
	default HedgeConfig hedge(String name, Consumer<HedgeConfig.Builder> fromCode) {
		HedgeConfig.Builder builder = HedgeConfig.builder();
		fromCode.accept(builder);
		return builder.build();
	}

	/**
	 * Whether a rate limiter of that name has settings of its own, beyond the defaults.
	 * @param name the instance name
	 * @return true if it is configured by name
	 */
	default boolean hasRateLimiter(String name) {
		return false;
	}

	/**
	 * Returns a source that knows no configuration: the built-in defaults with the settings given
	 * in code.
	 * @return the source
	 */
	static ConfigSource builtIn() {
		return new ConfigSource() {

			@Override
			public CircuitBreakerConfig circuitBreaker(String name, Consumer<CircuitBreakerConfig.Builder> fromCode) {
				return fromCode(CircuitBreakerConfig.builder(), fromCode).build();
			}

			@Override
			public RetryConfig retry(String name, Consumer<RetryConfig.Builder> fromCode) {
				return fromCode(RetryConfig.builder(), fromCode).build();
			}

			@Override
			public TimeLimiterConfig timeLimiter(String name, Consumer<TimeLimiterConfig.Builder> fromCode) {
				return fromCode(TimeLimiterConfig.builder(), fromCode).build();
			}

			@Override
			public ConcurrencyLimitConfig concurrencyLimit(String name,
					Consumer<ConcurrencyLimitConfig.Builder> fromCode) {
				return fromCode(ConcurrencyLimitConfig.builder(), fromCode).build();
			}

			@Override
			public RateLimiterConfig rateLimiter(String name, Consumer<RateLimiterConfig.Builder> fromCode) {
				return fromCode(RateLimiterConfig.builder(), fromCode).build();
			}

			private <B> B fromCode(B builder, Consumer<B> fromCode) {
				fromCode.accept(builder);
				return builder;
			}

		};
	}

}
