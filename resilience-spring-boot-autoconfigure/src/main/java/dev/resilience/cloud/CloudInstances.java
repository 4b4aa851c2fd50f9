package dev.resilience.cloud;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimiter;
import dev.resilience.core.TimeLimiterConfig;

/**
 * Finds the registry's instances behind the Spring Cloud circuit breaker of an id: the circuit
 * breaker of that name and, where a time limit applies, the time limiter of that name, with the
 * settings from code that a factory's {@code configure} or {@code configureDefault} gave the id.
 * Thread-safe.
 */
final class CloudInstances {

	private final ResilienceRegistry registry;

	private final Predicate<String> timeLimitConfigured;

	private volatile Function<String, CloudCircuitBreakerConfig> defaults = (id) -> CloudCircuitBreakerConfig.none();

	CloudInstances(ResilienceRegistry registry, Predicate<String> timeLimitConfigured) {
		this.registry = registry;
		this.timeLimitConfigured = timeLimitConfigured;
	}

	ResilienceRegistry registry() {
		return this.registry;
	}

	/** Sets the settings of every id that {@code configure} did not name. */
	void configureDefault(Function<String, CloudCircuitBreakerConfig> defaults) {
		this.defaults = defaults;
	}

	/** Returns the settings from code of an id: those configured for it, else the defaults. */
	CloudCircuitBreakerConfig config(String id, Map<String, CloudCircuitBreakerConfig> configured) {
		CloudCircuitBreakerConfig config = configured.get(id);
		return (config != null) ? config : this.defaults.apply(id);
	}

	CircuitBreaker circuitBreaker(String id, CloudCircuitBreakerConfig config) {
		return this.registry.circuitBreaker(id, config.circuitBreaker());
	}

	@Nullable TimeLimiter timeLimiter(String id, CloudCircuitBreakerConfig config) {
		Consumer<TimeLimiterConfig.Builder> fromCode = config.timeLimiter();
		if (fromCode != null) {
			return this.registry.timeLimiter(id, fromCode);
		}
		return this.timeLimitConfigured.test(id) ? this.registry.timeLimiter(id) : null;
	}

}
