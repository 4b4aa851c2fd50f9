package dev.resilience.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import dev.resilience.core.Faults;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.HostGuards;
import dev.resilience.http.HttpGuardPolicy;
import dev.resilience.http.ResilienceClientHttpRequestInterceptor;
import dev.resilience.http.ResilienceExchangeFilterFunction;

/**
 * Auto-configuration of the HTTP client guards: a {@link ResilienceClientHttpRequestInterceptor}
 * for {@code RestClient} and, when WebFlux is present, a {@link ResilienceExchangeFilterFunction}
 * for {@code WebClient}, both built from {@code resilience.http.*} and the outbound deadline
 * header, sharing one {@link HostGuards} that keeps at most {@code resilience.http.max-hosts}
 * hosts. They are beans that a user adds to one client by hand; with
 * {@code resilience.http.enabled=true} customizers add them to every client built from Boot's
 * builders, HTTP interface clients included. With {@code resilience.faults.enabled=true}, both
 * inject the faults set for each host.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnClass(ClientHttpRequestInterceptor.class)
@ConditionalOnBean(ResilienceRegistry.class)
public final class ResilienceHttpClientAutoConfiguration {

	private static final String ENABLED = "resilience.http.enabled";

	@Bean
	@ConditionalOnMissingBean
	HttpGuardPolicy resilienceHttpGuardPolicy(ResilienceProperties properties) {
		ResilienceProperties.Http http = properties.getHttp();
		ResilienceProperties.Deadline deadline = properties.getDeadline();
		Set<HttpMethod> methods = new LinkedHashSet<>();
		for (String method : http.getMethods()) {
			methods.add(HttpMethod.valueOf(method.strip().toUpperCase(Locale.ROOT)));
		}
		for (Integer status : http.getStatuses()) {
			if (status == null || status < 100 || status > 599) {
				throw new InvalidConfigurationException("resilience.http.statuses", status,
						"HTTP status codes from 100 to 599");
			}
		}
		String deadlineHeader = (deadline.isEnabled() && deadline.isOutbound()) ? deadline.headerName() : null;
		return new HttpGuardPolicy(methods, Set.copyOf(http.getStatuses()), http.getIdempotencyKeyHeader(),
				deadlineHeader, deadline.getHeaderFormat());
	}

	@Bean
	@ConditionalOnMissingBean
	HostGuards resilienceHostGuards(ResilienceRegistry registry, ResilienceProperties properties) {
		int maxHosts = properties.getHttp().getMaxHosts();
		if (maxHosts < 1) {
			throw new InvalidConfigurationException("resilience.http.max-hosts", maxHosts, "an integer of at least 1");
		}
		return new HostGuards(registry, maxHosts);
	}

	@Bean
	@ConditionalOnMissingBean
	ResilienceClientHttpRequestInterceptor resilienceClientHttpRequestInterceptor(HostGuards guards,
			HttpGuardPolicy policy, ObjectProvider<Faults> faults, Environment environment) {
		return new ResilienceClientHttpRequestInterceptor(guards, policy, EnabledFaults.of(environment, faults));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	@ConditionalOnBooleanProperty(ENABLED)
	static class RestClientGuardConfiguration {

		@Bean
		RestClientCustomizer resilienceRestClientCustomizer(ResilienceClientHttpRequestInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ExchangeFilterFunction.class, Mono.class })
	static class WebClientGuardConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ResilienceExchangeFilterFunction resilienceExchangeFilterFunction(HostGuards guards, HttpGuardPolicy policy,
				ObjectProvider<Faults> faults, Environment environment) {
			return new ResilienceExchangeFilterFunction(guards, policy, EnabledFaults.of(environment, faults));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(WebClientCustomizer.class)
		@ConditionalOnBooleanProperty(ENABLED)
		static class WebClientCustomizerConfiguration {

			@Bean
			WebClientCustomizer resilienceWebClientCustomizer(ResilienceExchangeFilterFunction filter) {
				return (builder) -> builder.filter(filter);
			}

		}

	}

}
