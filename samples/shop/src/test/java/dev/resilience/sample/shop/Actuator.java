package dev.resilience.sample.shop;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The shop's Actuator endpoints, read over HTTP as an operator reads them.
 */
final class Actuator {

	private final RestClient http;

	Actuator(RestClient http) {
		this.http = http;
	}

	/** One breaker, as {@code GET /actuator/circuitbreakers} lists it. */
	CircuitBreakerView circuitBreaker(String name) {
		return this.http.get()
			.uri("/actuator/circuitbreakers")
			.retrieve()
			.body(CircuitBreakers.class)
			.circuitBreakers()
			.get(name);
	}

	/** Closes a breaker with {@code POST /actuator/circuitbreakers/{name}}. */
	void closeCircuitBreaker(String name) {
		this.http.post()
			.uri("/actuator/circuitbreakers/{name}", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("state", "CLOSED"))
			.retrieve()
			.toBodilessEntity();
	}

	/** {@code GET /actuator/retries/{name}}. */
	RetryView retry(String name) {
		return this.http.get().uri("/actuator/retries/{name}", name).retrieve().body(RetryView.class);
	}

	/** One time limiter, as {@code GET /actuator/timelimiters} lists it. */
	TimeLimiterView timeLimiter(String name) {
		return this.http.get()
			.uri("/actuator/timelimiters")
			.retrieve()
			.body(TimeLimiters.class)
			.timeLimiters()
			.get(name);
	}

	/** {@code GET /actuator/health}, which answers 200 while the application is UP. */
	Health health() {
		return this.http.get().uri("/actuator/health").retrieve().body(Health.class);
	}

	record CircuitBreakers(Map<String, CircuitBreakerView> circuitBreakers) {
	}

	record CircuitBreakerView(String state, float failureRate, float slowCallRate, int bufferedCalls,
			int failedCalls, int slowCalls, long notPermittedCalls) {
	}

	record RetryView(long successfulWithoutRetry, long successfulWithRetry, long failedWithRetry,
			long failedWithoutRetry, long retryAttempts, long budgetExhausted) {
	}

	record TimeLimiters(Map<String, TimeLimiterView> timeLimiters) {
	}

	record TimeLimiterView(long successful, long failed, long timedOut) {
	}

	record Health(String status, Map<String, Component> components) {

		Component component(String name) {
			return this.components.get(name);
		}

	}

	record Component(String status, @Nullable Map<String, Object> details) {
	}

}
