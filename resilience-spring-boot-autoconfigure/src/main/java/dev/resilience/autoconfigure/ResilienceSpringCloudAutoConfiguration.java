package dev.resilience.autoconfigure;

import java.util.Set;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.config.conditional.ConditionalOnEnabledFilter;
import org.springframework.cloud.gateway.filter.factory.FallbackHeadersGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.DispatcherHandler;

import dev.resilience.cloud.ReactiveResilienceCircuitBreakerFactory;
import dev.resilience.cloud.ResilienceCircuitBreakerFactory;
import dev.resilience.cloud.ResilienceCircuitBreakerFilterFactory;
import dev.resilience.core.ResilienceRegistry;

/**
 * Auto-configuration of Spring Cloud CircuitBreaker, when spring-cloud-commons is on the class
 * path: a {@link ResilienceCircuitBreakerFactory} and, with Reactor, a
 * {@link ReactiveResilienceCircuitBreakerFactory}, whose breakers are the registry's instances,
 * so that OpenFeign, HTTP service clients and application code using Spring Cloud's API are
 * guarded, configured and observed as annotated methods are. A factory bean of the application's
 * own replaces ours. {@link Customizer} beans of a factory's type are applied to it once it is
 * created, as Spring Cloud's own implementations do. With Spring Cloud Gateway (WebFlux), its
 * {@code CircuitBreaker} route filter runs on the reactive factory.
 *
 * @since 0.3.0
 */
// before OpenFeign's, which enables circuit breaking only when a factory bean is already defined
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		beforeName = "org.springframework.cloud.openfeign.FeignAutoConfiguration")
@ConditionalOnClass(CircuitBreakerFactory.class)
@ConditionalOnBean(ResilienceRegistry.class)
public final class ResilienceSpringCloudAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CircuitBreakerFactory.class)
	ResilienceCircuitBreakerFactory resilienceCircuitBreakerFactory(ResilienceRegistry registry,
			ObjectProvider<PropertiesConfigSource> configs,
			ObjectProvider<Customizer<ResilienceCircuitBreakerFactory>> customizers) {
		return customized(new ResilienceCircuitBreakerFactory(registry, timeLimitConfigured(configs)), customizers);
	}

	/** Applies the application's customizers of a factory's type, as Spring Cloud's factories do. */
	private static <F> F customized(F factory, ObjectProvider<Customizer<F>> customizers) {
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

	private static Predicate<String> timeLimitConfigured(ObjectProvider<PropertiesConfigSource> configs) {
		// with a ConfigSource of the application's own, a time limit is whatever code asks for
		PropertiesConfigSource source = configs.getIfAvailable();
		Set<String> names = (source != null) ? Set.copyOf(source.timeLimiterInstanceNames()) : Set.of();
		return names::contains;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactiveCircuitBreakerFactory.class, Mono.class })
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean(ReactiveCircuitBreakerFactory.class)
		ReactiveResilienceCircuitBreakerFactory reactiveResilienceCircuitBreakerFactory(ResilienceRegistry registry,
				ObjectProvider<PropertiesConfigSource> configs,
				ObjectProvider<Customizer<ReactiveResilienceCircuitBreakerFactory>> customizers) {
			return customized(new ReactiveResilienceCircuitBreakerFactory(registry, timeLimitConfigured(configs)),
					customizers);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ SpringCloudCircuitBreakerFilterFactory.class, DispatcherHandler.class })
		@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.enabled", matchIfMissing = true)
		static class GatewayConfiguration {

			@Bean
			@ConditionalOnMissingBean(value = SpringCloudCircuitBreakerFilterFactory.class,
					type = "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory")
			@ConditionalOnEnabledFilter
			ResilienceCircuitBreakerFilterFactory resilienceCircuitBreakerFilterFactory(
					ReactiveCircuitBreakerFactory<?, ?> circuitBreakers,
					ObjectProvider<DispatcherHandler> dispatcherHandler) {
				return new ResilienceCircuitBreakerFilterFactory(circuitBreakers, dispatcherHandler);
			}

			@Bean
			@ConditionalOnMissingBean
			@ConditionalOnEnabledFilter
			FallbackHeadersGatewayFilterFactory fallbackHeadersGatewayFilterFactory() {
				return new FallbackHeadersGatewayFilterFactory();
			}

		}

	}

}
