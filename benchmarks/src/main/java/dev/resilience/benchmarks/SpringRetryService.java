package dev.resilience.benchmarks;

import org.springframework.resilience.annotation.Retryable;

/**
 * The work behind Spring Framework 7's own {@code @Retryable}: 3 attempts (2 retries), 500 ms
 * apart, like the others.
 */
public class SpringRetryService {

	@Retryable(maxRetries = 2, delay = 500)
	public String retryable(String input) {
		return input;
	}

}
