package dev.resilience.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import dev.resilience.actuate.CircuitBreakersEndpoint;
import dev.resilience.actuate.ConcurrencyLimitsEndpoint;
import dev.resilience.actuate.FaultsEndpoint;
import dev.resilience.actuate.HedgesEndpoint;
import dev.resilience.actuate.RateLimitersEndpoint;
import dev.resilience.actuate.ResilienceEventBuffer;
import dev.resilience.actuate.ResilienceEventsEndpoint;
import dev.resilience.actuate.RetriesEndpoint;
import dev.resilience.actuate.TimeLimitersEndpoint;
import dev.resilience.core.Faults;
import dev.resilience.core.ResilienceRegistry;

/**
 * Auto-configuration of the {@code circuitbreakers}, {@code retries}, {@code timelimiters},
 * {@code concurrencylimits}, {@code ratelimiters}, {@code hedges}, {@code resilienceevents} and,
 * while {@code resilience.faults.enabled} is {@code true}, {@code faults} endpoints. Each exists
 * only where Actuator makes it available, that is where its access is not {@code none} and the
 * user exposed it (for example with {@code management.endpoints.web.exposure.include}); by
 * default none is.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(ResilienceRegistry.class)
public final class ResilienceEndpointsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	CircuitBreakersEndpoint circuitBreakersEndpoint(ResilienceRegistry registry) {
		return new CircuitBreakersEndpoint(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	RetriesEndpoint retriesEndpoint(ResilienceRegistry registry) {
		return new RetriesEndpoint(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	TimeLimitersEndpoint timeLimitersEndpoint(ResilienceRegistry registry) {
		return new TimeLimitersEndpoint(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ConcurrencyLimitsEndpoint concurrencyLimitsEndpoint(ResilienceRegistry registry) {
		return new ConcurrencyLimitsEndpoint(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	RateLimitersEndpoint rateLimitersEndpoint(ResilienceRegistry registry) {
		return new RateLimitersEndpoint(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	HedgesEndpoint hedgesEndpoint(ResilienceRegistry registry) {
		return new HedgesEndpoint(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBooleanProperty("resilience.faults.enabled")
	FaultsEndpoint faultsEndpoint(Faults faults, ResourceLoader resourceLoader) {
		return new FaultsEndpoint(faults, resourceLoader.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(ResilienceEventsEndpoint.class)
	ResilienceEventBuffer resilienceEventBuffer(ResilienceRegistry registry) {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(registry.clock());
		registry.addListener(buffer);
		return buffer;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ResilienceEventsEndpoint resilienceEventsEndpoint(ResilienceEventBuffer buffer) {
		return new ResilienceEventsEndpoint(buffer);
	}

}
