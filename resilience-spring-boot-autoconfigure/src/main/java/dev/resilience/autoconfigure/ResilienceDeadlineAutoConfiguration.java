package dev.resilience.autoconfigure;

import java.time.Duration;

import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
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

import dev.resilience.core.Clock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.InboundDeadlineFilter;
import dev.resilience.http.InboundDeadlineWebFilter;

/**
 * Auto-configuration of inbound deadlines: a filter that gives each served request the deadline
 * its caller sent in {@code resilience.deadline.header} (in {@code resilience.deadline.header-format}), or
 * {@code resilience.deadline.inbound-default}; a servlet filter in servlet applications, a
 * {@link WebFilter} in WebFlux ones. Runs early, so that everything the request does sees the
 * deadline.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnBean(ResilienceRegistry.class)
@ConditionalOnBooleanProperty(name = "resilience.deadline.enabled", matchIfMissing = true)
public final class ResilienceDeadlineAutoConfiguration {

	private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static @Nullable Duration inboundDefault(ResilienceProperties.Deadline deadline) {
		Duration inboundDefault = deadline.getInboundDefault();
		return (inboundDefault != null && !inboundDefault.isZero()) ? inboundDefault : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
	static class ServletDeadlineConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "resilienceInboundDeadlineFilter")
		FilterRegistrationBean<InboundDeadlineFilter> resilienceInboundDeadlineFilter(ResilienceProperties properties,
				ObjectProvider<Clock> clock) {
			ResilienceProperties.Deadline deadline = properties.getDeadline();
			InboundDeadlineFilter filter = new InboundDeadlineFilter(deadline.headerName(), deadline.getHeaderFormat(),
					deadline.isInbound(), inboundDefault(deadline), clock.getIfAvailable(Clock::system));
			FilterRegistrationBean<InboundDeadlineFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveDeadlineConfiguration {

		@Bean
		@Order(ORDER)
		@ConditionalOnMissingBean(name = "resilienceInboundDeadlineWebFilter")
		InboundDeadlineWebFilter resilienceInboundDeadlineWebFilter(ResilienceProperties properties,
				ObjectProvider<Clock> clock) {
			ResilienceProperties.Deadline deadline = properties.getDeadline();
			return new InboundDeadlineWebFilter(deadline.headerName(), deadline.getHeaderFormat(),
					deadline.isInbound(), inboundDefault(deadline), clock.getIfAvailable(Clock::system));
		}

	}

}
