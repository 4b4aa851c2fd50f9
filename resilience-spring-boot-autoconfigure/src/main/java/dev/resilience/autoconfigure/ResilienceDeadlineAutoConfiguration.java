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
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.InboundDeadlineFilter;

/**
 * Auto-configuration of inbound deadlines for servlet applications: a filter that gives each
 * served request the deadline its caller sent in {@code resilience.deadline.header}, or
 * {@code resilience.deadline.inbound-default}. Runs early, so that everything the request does
 * sees the deadline. A negative inbound default or a header that is no HTTP header name fails
 * start-up, rather than failing every request or ignoring every header.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
@ConditionalOnBean(ResilienceRegistry.class)
@ConditionalOnBooleanProperty(name = "resilience.deadline.enabled", matchIfMissing = true)
public final class ResilienceDeadlineAutoConfiguration {

	private static final String HEADER_PROPERTY = "resilience.deadline.header";

	private static final String INBOUND_DEFAULT_PROPERTY = "resilience.deadline.inbound-default";

	/** The characters of an HTTP field name besides letters and digits (RFC 9110, token). */
	private static final String HEADER_SYMBOLS = "!#$%&'*+-.^_`|~";

	@Bean
	@ConditionalOnMissingBean(name = "resilienceInboundDeadlineFilter")
	FilterRegistrationBean<InboundDeadlineFilter> resilienceInboundDeadlineFilter(ResilienceProperties properties,
			ObjectProvider<Clock> clock) {
		ResilienceProperties.Deadline deadline = properties.getDeadline();
		Duration inboundDefault = deadline.getInboundDefault();
		check(deadline);
		InboundDeadlineFilter filter = new InboundDeadlineFilter(deadline.getHeader(), deadline.isInbound(),
				(inboundDefault != null && !inboundDefault.isZero()) ? inboundDefault : null,
				clock.getIfAvailable(Clock::system));
		FilterRegistrationBean<InboundDeadlineFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	private static void check(ResilienceProperties.Deadline deadline) {
		String header = deadline.getHeader();
		boolean valid = !header.isEmpty();
		for (int i = 0; valid && i < header.length(); i++) {
			char c = header.charAt(i);
			valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| HEADER_SYMBOLS.indexOf(c) >= 0;
		}
		if (!valid) {
			throw new InvalidConfigurationException(HEADER_PROPERTY, header,
					"a non-empty HTTP header name of letters, digits and " + HEADER_SYMBOLS);
		}
		Duration inboundDefault = deadline.getInboundDefault();
		if (inboundDefault != null && inboundDefault.isNegative()) {
			throw new InvalidConfigurationException(INBOUND_DEFAULT_PROPERTY, inboundDefault,
					"a duration of zero or more (zero or empty: no default deadline)");
		}
	}

}
