package dev.resilience.autoconfigure;

import java.time.Duration;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.resilience.core.Clock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.InboundDeadlineFilter;

/**
 * Auto-configuration of inbound deadlines for servlet applications: a filter that gives each
 * served request the deadline its caller sent in {@code resilience.deadline.header}, or
 * {@code resilience.deadline.inbound-default}. Runs early, so that everything the request does
 * sees the deadline.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
@ConditionalOnBean(ResilienceRegistry.class)
@ConditionalOnBooleanProperty(name = "resilience.deadline.enabled", matchIfMissing = true)
public final class ResilienceDeadlineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "resilienceInboundDeadlineFilter")
	FilterRegistrationBean<InboundDeadlineFilter> resilienceInboundDeadlineFilter(ResilienceProperties properties,
			ObjectProvider<Clock> clock) {
		ResilienceProperties.Deadline deadline = properties.getDeadline();
		Duration inboundDefault = deadline.getInboundDefault();
		InboundDeadlineFilter filter = new InboundDeadlineFilter(deadline.getHeader(), deadline.isInbound(),
				(inboundDefault != null && !inboundDefault.isZero()) ? inboundDefault : null,
				clock.getIfAvailable(Clock::system));
		FilterRegistrationBean<InboundDeadlineFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
