package dev.resilience.sample.shop;

import java.util.List;
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

	/** Sets the faults of an instance name with {@code POST /actuator/faults/{name}}. */
	void injectFaults(String name, Map<String, Object> faults) {
		this.http.post()
			.uri("/actuator/faults/{name}", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(faults)
			.retrieve()
			.toBodilessEntity();
	}

	/** Clears the faults of an instance name with {@code DELETE /actuator/faults/{name}}. */
	void clearFaults(String name) {
		this.http.delete().uri("/actuator/faults/{name}", name).retrieve().toBodilessEntity();
	}

	/** The faults injected now, by instance name: {@code GET /actuator/faults}. */
	Map<String, Map<String, Object>> faults() {
		return this.http.get().uri("/actuator/faults").retrieve().body(Faults.class).faults();
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

	/** {@code GET /actuator/concurrencylimits/{name}}. */
	ConcurrencyLimitView concurrencyLimit(String name) {
		return this.http.get()
			.uri("/actuator/concurrencylimits/{name}", name)
			.retrieve()
			.body(ConcurrencyLimitView.class);
	}

	/** {@code GET /actuator/ratelimiters/{name}}. */
	RateLimiterView rateLimiter(String name) {
		return this.http.get().uri("/actuator/ratelimiters/{name}", name).retrieve().body(RateLimiterView.class);
	}

	/**
	 * Calls of a rate limiter that waited for their turn, from
	 * {@code GET /actuator/metrics/resilience.ratelimiter.calls?tag=name:{name}&tag=outcome:waited}.
	 */
	long rateLimiterWaitedCalls(String name) {
		Metric metric = this.http.get()
			.uri("/actuator/metrics/resilience.ratelimiter.calls?tag=name:{name}&tag=outcome:waited", name)
			.retrieve()
			.body(Metric.class);
		return (long) metric.measurements().get(0).value();
	}

	/** {@code GET /actuator/prometheus}, in Prometheus' text format, as Prometheus scrapes it. */
	PrometheusScrape prometheus() {
		return PrometheusScrape.parse(this.http.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.parseMediaType("text/plain;version=0.0.4"))
			.retrieve()
			.body(String.class));
	}

	/** {@code GET /actuator/health}, which answers 200 while the application is UP. */
	Health health() {
		return this.http.get().uri("/actuator/health").retrieve().body(Health.class);
	}

	record Faults(Map<String, Map<String, Object>> faults) {
	}

	record CircuitBreakers(Map<String, CircuitBreakerView> circuitBreakers) {
	}

	record CircuitBreakerView(String state, float failureRate, float slowCallRate, int bufferedCalls,
			int failedCalls, int slowCalls, long notPermittedCalls) {
	}

	record RetryView(long successfulWithoutRetry, long successfulWithRetry, long failedWithRetry,
			long failedWithoutRetry, long retryAttempts, long budgetExhausted, String store) {
	}

	record TimeLimiters(Map<String, TimeLimiterView> timeLimiters) {
	}

	record TimeLimiterView(long successful, long failed, long timedOut) {
	}

	record ConcurrencyLimitView(int limit, int inFlight, boolean adaptive, long permittedCalls,
			long rejectedCalls) {
	}

	record RateLimiterView(int limit, String period, int available, long permittedCalls, long rejectedCalls,
			String store) {
	}

	record Metric(String name, List<Measurement> measurements) {
	}

	record Measurement(String statistic, double value) {
	}

	record Health(String status, Map<String, Component> components) {

		Component component(String name) {
			return this.components.get(name);
		}

	}

	record Component(String status, @Nullable Map<String, Object> details) {
	}

}
