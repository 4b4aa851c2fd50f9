package dev.resilience.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.resilience.actuate.ObservationEvents;
import dev.resilience.core.ResilienceRegistry;

/**
 * Auto-configuration of observation events: where the application has an
 * {@link ObservationRegistry} (Spring Boot gives one with Actuator), what the policies do to a
 * call is told, as events, to the observation in progress when it happens.
 *
 * @since 0.3.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, ResilienceRegistry.class })
public final class ResilienceObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObservationEvents resilienceObservationEvents(ResilienceRegistry registry, ObservationRegistry observations) {
		ObservationEvents events = new ObservationEvents(observations);
		registry.addListener(events);
		return events;
	}

}
