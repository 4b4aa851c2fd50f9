package dev.resilience.autoconfigure;

import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.LoadSheddingFilter;
import dev.resilience.http.LoadSheddingWebFilter;

/**
 * Auto-configuration of load shedding, on with {@code resilience.load-shedding.enabled=true}:
 * every served request passes the concurrency limit {@code inbound} (configured as
 * {@code resilience.concurrency-limit.instances.inbound}), and one that gets no slot is answered
 * 503; a servlet filter in servlet applications, a {@link WebFilter} in WebFlux ones. The limit is
 * created with the filter, at start-up, so that it shows on the endpoint before the first
 * request.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = { ResilienceAutoConfiguration.class, ResilienceDeadlineAutoConfiguration.class })
@ConditionalOnBean(ResilienceRegistry.class)
@ConditionalOnBooleanProperty("resilience.load-shedding.enabled")
public final class ResilienceLoadSheddingAutoConfiguration {

	/** The name of the concurrency limit served requests pass. */
	static final String LIMIT_NAME = "inbound";

	// just after the inbound deadline filter (HIGHEST_PRECEDENCE + 10): the deadline bounds the wait for a slot
	private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 11;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
	static class ServletLoadSheddingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "resilienceLoadSheddingFilter")
		FilterRegistrationBean<LoadSheddingFilter> resilienceLoadSheddingFilter(ResilienceRegistry registry,
				ResilienceProperties properties) {
			ResilienceProperties.LoadShedding shedding = properties.getLoadShedding();
			ConcurrencyLimit limit = registry.concurrencyLimit(LIMIT_NAME);
			LoadSheddingFilter filter = new LoadSheddingFilter(limit, shedding.getExclude(),
					shedding.getRetryAfter());
			FilterRegistrationBean<LoadSheddingFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveLoadSheddingConfiguration {

		@Bean
		@Order(ORDER)
		@ConditionalOnMissingBean(name = "resilienceLoadSheddingWebFilter")
		LoadSheddingWebFilter resilienceLoadSheddingWebFilter(ResilienceRegistry registry,
				ResilienceProperties properties) {
			ResilienceProperties.LoadShedding shedding = properties.getLoadShedding();
			return new LoadSheddingWebFilter(registry.concurrencyLimit(LIMIT_NAME), shedding.getExclude(),
					shedding.getRetryAfter());
		}

	}

}
