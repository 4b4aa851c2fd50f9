package dev.resilience.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.resilience.actuate.ResilienceMetrics;
import dev.resilience.core.ResilienceRegistry;

/**
 * Auto-configuration of the {@code resilience.*} Micrometer meters: a binder that Spring Boot's
 * metrics support binds to the meter registry once every singleton exists, so that the meters of
 * every annotated method's instances are there from the start.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ResilienceRegistry.class })
public final class ResilienceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResilienceMetrics resilienceMetrics(ResilienceRegistry registry) {
		return new ResilienceMetrics(registry);
	}

}
