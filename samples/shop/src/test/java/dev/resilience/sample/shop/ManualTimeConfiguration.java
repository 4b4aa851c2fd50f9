package dev.resilience.sample.shop;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Replaces the starter's clock and sleeper with a {@link ManualClock}: breakers, retries, budgets
 * and deadlines then see time move only when a test advances it or a retry "sleeps". Time limits
 * still wait in real time, up to the time the manual clock leaves them.
 */
@TestConfiguration(proxyBeanMethods = false)
class ManualTimeConfiguration {

	@Bean
	ManualClock manualClock() {
		return new ManualClock();
	}

}
