package dev.resilience.cloud;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSpringCloudAutoConfiguration;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceSpringCloudAutoConfiguration}.
 */
class ResilienceSpringCloudAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSpringCloudAutoConfiguration.class));

	@Test
	void runShouldHaveBothFactories() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ResilienceCircuitBreakerFactory.class);
			assertThat(context).hasSingleBean(ReactiveResilienceCircuitBreakerFactory.class);
		});
	}

	@Test
	void runWithCustomizerBeansShouldApplyThemToTheFactories() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				context.getBean(ResilienceCircuitBreakerFactory.class).create("inventory").run(() -> "ok");
				context.getBean(ReactiveResilienceCircuitBreakerFactory.class)
					.create("catalog")
					.run(Mono.just("ok"))
					.block();
				ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
				assertThat(registry.circuitBreaker("inventory").config().minimumCalls()).isEqualTo(3);
				assertThat(registry.circuitBreaker("catalog").config().minimumCalls()).isEqualTo(4);
			});
	}

	@Test
	void runWithoutSpringCloudCommonsShouldHaveNoFactory() {
		this.runner.withClassLoader(new FilteredClassLoader(CircuitBreakerFactory.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ResilienceRegistry.class);
			assertThat(context).doesNotHaveBean(ResilienceCircuitBreakerFactory.class);
			assertThat(context).doesNotHaveBean(ReactiveResilienceCircuitBreakerFactory.class);
		});
	}

	@Test
	void runWithoutReactorShouldHaveOnlyTheBlockingFactory() {
		this.runner.withClassLoader(new FilteredClassLoader(Mono.class)).run((context) -> {
			assertThat(context).hasSingleBean(ResilienceCircuitBreakerFactory.class);
			assertThat(context).doesNotHaveBean(ReactiveResilienceCircuitBreakerFactory.class);
		});
	}

	@Test
	void runWithAFactoryOfTheApplicationsOwnShouldKeepIt() {
		this.runner.withBean(CircuitBreakerFactory.class, OwnFactory::new).run((context) -> {
			assertThat(context).getBean(CircuitBreakerFactory.class).isInstanceOf(OwnFactory.class);
			assertThat(context).doesNotHaveBean(ResilienceCircuitBreakerFactory.class);
			assertThat(context).hasSingleBean(ReactiveCircuitBreakerFactory.class);
		});
	}

	@Test
	void runWhenResilienceIsDisabledShouldHaveNoFactory() {
		this.runner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceCircuitBreakerFactory.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		Customizer<ResilienceCircuitBreakerFactory> blockingCustomizer() {
			return (factory) -> factory
				.configure((config) -> config.circuitBreaker((breaker) -> breaker.minimumCalls(3)), "inventory");
		}

		@Bean
		Customizer<ReactiveResilienceCircuitBreakerFactory> reactiveCustomizer() {
			return (factory) -> factory
				.configure((config) -> config.circuitBreaker((breaker) -> breaker.minimumCalls(4)), "catalog");
		}

	}

	static class OwnFactory extends CircuitBreakerFactory<Object, ConfigBuilder<Object>> {

		@Override
		public CircuitBreaker create(String id) {
			return new CircuitBreaker() {

				@Override
				public <T> T run(java.util.function.Supplier<T> toRun,
						java.util.function.Function<Throwable, T> fallback) {
					return toRun.get();
				}

			};
		}

		@Override
		protected ConfigBuilder<Object> configBuilder(String id) {
			return Object::new;
		}

		@Override
		public void configureDefault(java.util.function.Function<String, Object> defaultConfiguration) {
		}

	}

}
