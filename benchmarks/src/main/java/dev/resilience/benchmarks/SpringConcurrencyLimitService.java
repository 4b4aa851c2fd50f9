package dev.resilience.benchmarks;

import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.ConcurrencyLimit.ThrottlePolicy;

/**
 * The work behind Spring Framework 7's own {@code @ConcurrencyLimit}: 1,000 calls at once, a call
 * past them refused at once rather than blocked, like the others.
 */
public class SpringConcurrencyLimitService {

	@ConcurrencyLimit(limit = 1000, policy = ThrottlePolicy.REJECT)
	public String concurrencyLimit(String input) {
		return input;
	}

}
