package dev.resilience.cloud;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimiter;
import dev.resilience.core.TimeLimiterConfig;

/**
 * Finds the registry's instances behind the Spring Cloud circuit breaker of an id: the circuit
 * breaker of that name and, where a time limit applies, the time limiter of that name. Immutable
 * and thread-safe.
 */
final class CloudInstances {

	private final ResilienceRegistry registry;

	private final Predicate<String> timeLimitConfigured;

	CloudInstances(ResilienceRegistry registry, Predicate<String> timeLimitConfigured) {
		this.registry = registry;
		this.timeLimitConfigured = timeLimitConfigured;
	}

	ResilienceRegistry registry() {
		return this.registry;
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
