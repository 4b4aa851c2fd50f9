package dev.resilience.benchmarks;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.context.ApplicationContext;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryConfig;

/**
 * Checks, before measuring, that both libraries run the instances of the benchmarks with the same
 * settings: window size, minimum calls, half-open calls, wait in open, attempts and delay.
 */
final class SettingsCheck {

	private static final List<Object> EXPECTED = List.of(100, 10, 3, Duration.ofSeconds(30), 3,
			Duration.ofMillis(500));

	private SettingsCheck() {
	}

	static void ours(ApplicationContext context, String circuitBreaker, String retry) {
		ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
		CircuitBreakerConfig breaker = registry.circuitBreaker(circuitBreaker).config();
		RetryConfig attempts = registry.retry(retry).config();
		expect("ours", List.of(breaker.slidingWindowSize(), breaker.minimumCalls(), breaker.halfOpenCalls(),
				breaker.waitInOpen(), attempts.maxAttempts(), attempts.delay()));
	}

	static void resilience4j(ApplicationContext context, String circuitBreaker, String retry) {
		io.github.resilience4j.circuitbreaker.CircuitBreakerConfig breaker = context
			.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker(circuitBreaker)
			.getCircuitBreakerConfig();
		io.github.resilience4j.retry.RetryConfig attempts = context.getBean(RetryRegistry.class)
			.retry(retry)
			.getRetryConfig();
		expect("Resilience4j", List.of(breaker.getSlidingWindowSize(), breaker.getMinimumNumberOfCalls(),
				breaker.getPermittedNumberOfCallsInHalfOpenState(),
				breaker.getWaitIntervalFunctionInOpenState().apply(1), attempts.getMaxAttempts(),
				Duration.ofMillis(attempts.getIntervalBiFunction().apply(1, null))));
	}

	private static void expect(String library, List<Object> actual) {
		List<Object> normalized = actual.stream()
			.map((value) -> (value instanceof Long millis) ? Duration.ofMillis(millis) : value)
			.toList();
		if (!normalized.equals(EXPECTED)) {
			throw new IllegalStateException(library + " runs with " + normalized + " instead of " + EXPECTED
					+ " (window size, minimum calls, half-open calls, wait in open, attempts, delay)");
		}
	}

}
