package dev.resilience.sample.shop;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimiter;

/**
 * The shop's own view of its breakers, retries and time limiters, read from the
 * {@link ResilienceRegistry}.
 */
@RestController
class StatusController {

	private final ResilienceRegistry registry;

	StatusController(ResilienceRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/status")
	Status status() {
		Map<String, BreakerStatus> breakers = new LinkedHashMap<>();
		this.registry.circuitBreakers().forEach((breaker) -> breakers.put(breaker.name(), BreakerStatus.of(breaker)));
		Map<String, Retry.Metrics> retries = new LinkedHashMap<>();
		this.registry.retries().forEach((retry) -> retries.put(retry.name(), retry.metrics()));
		Map<String, TimeLimiter.Metrics> timeLimiters = new LinkedHashMap<>();
		this.registry.timeLimiters().forEach((limiter) -> timeLimiters.put(limiter.name(), limiter.metrics()));
		return new Status(breakers, retries, timeLimiters);
	}

	record Status(Map<String, BreakerStatus> circuitBreakers, Map<String, Retry.Metrics> retries,
			Map<String, TimeLimiter.Metrics> timeLimiters) {
	}

	record BreakerStatus(CircuitBreaker.State state, float failureRate, int bufferedCalls, int failedCalls,
			long notPermittedCalls) {

		static BreakerStatus of(CircuitBreaker breaker) {
			CircuitBreaker.Metrics metrics = breaker.metrics();
			return new BreakerStatus(breaker.state(), metrics.failureRate(), metrics.bufferedCalls(),
					metrics.failedCalls(), metrics.notPermittedCalls());
		}

	}

}
