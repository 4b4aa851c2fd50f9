package dev.resilience.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.resilience.actuate.CircuitBreakersHealthIndicator;
import dev.resilience.core.ResilienceRegistry;

/**
 * Auto-configuration of the {@code circuitBreakers} health contributor, switched off with
 * {@code management.health.circuitbreakers.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ ResilienceRegistry.class, PropertiesConfigSource.class })
public final class ResilienceHealthContributorAutoConfiguration {

	// The switch sits on the method, not on the class, so that its condition class is loaded
	// only once the class condition found the health support on the class path.
	@Bean
	@ConditionalOnEnabledHealthIndicator("circuitbreakers")
	@ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
	CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(ResilienceRegistry registry,
			PropertiesConfigSource configs) {
		return new CircuitBreakersHealthIndicator(registry, configs::healthFailsWhenOpen);
	}

}
