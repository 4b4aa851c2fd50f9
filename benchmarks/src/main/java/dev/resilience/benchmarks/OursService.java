package dev.resilience.benchmarks;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.RateLimited;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;

/**
 * The work behind this starter's annotations, one method per combination measured.
 */
public class OursService {

	@CircuitGuarded(name = "circuit")
	public String circuitGuarded(String input) {
		return input;
	}

	@Retryable(name = "retry")
	public String retryable(String input) {
		return input;
	}

	@Retryable(name = "all")
	@CircuitGuarded(name = "all")
	@Fallback(method = "fallback")
	public String retryCircuitFallback(String input) {
		return input;
	}

	@TimeLimited(name = "timeLimited")
	public String timeLimited(String input) {
		return input;
	}

	@ConcurrencyLimited(name = "concurrency")
	public String concurrencyLimited(String input) {
		return input;
	}

	@RateLimited(name = "rate")
	public String rateLimited(String input) {
		return input;
	}

	String fallback(String input, Throwable failure) {
		return "fallback";
	}

}
