package dev.resilience.benchmarks;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.ratelimiter.annotation.RateLimiter;
import io.github.resilience4j.retry.annotation.Retry;

/**
 * The work behind Resilience4j's annotations. In the combination the fallback sits on
 * {@code @Retry}, the outer of the two aspects, so that, as with this starter's
 * {@code @Fallback}, it answers only once the retries are over. {@code @Bulkhead} is the
 * semaphore bulkhead, its default type.
 */
public class Resilience4jService {

	@CircuitBreaker(name = "circuit")
	public String circuitBreaker(String input) {
		return input;
	}

	@Retry(name = "retry")
	public String retry(String input) {
		return input;
	}

	@Retry(name = "all", fallbackMethod = "fallback")
	@CircuitBreaker(name = "all")
	public String retryCircuitBreakerFallback(String input) {
		return input;
	}

	@Bulkhead(name = "concurrency")
	public String bulkhead(String input) {
		return input;
	}

	@RateLimiter(name = "rate")
	public String rateLimiter(String input) {
		return input;
	}

	String fallback(String input, Throwable failure) {
		return "fallback";
	}

}
