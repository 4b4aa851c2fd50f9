package dev.resilience.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

import dev.resilience.aop.ResilienceAnnotationBeanPostProcessor;
import dev.resilience.core.Clock;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.Faults;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.SharedStore;
import dev.resilience.core.Sleeper;
import dev.resilience.core.TimeLimiterExecutors;

/**
 * Auto-configuration of the annotations: the registry of named instances configured from
 * {@code resilience.*}, the worker threads of time-limited calls, the scheduler threads of
 * asynchronous delays and timeouts, and the post-processor that proxies annotated beans.
 * {@code resilience.enabled=false} turns all of it off: no proxies. A {@link ConfigSource} bean
 * replaces the settings read from {@code resilience.*}, a {@link DelayScheduler} bean the
 * scheduler threads (a test drives one from a manual clock).
 *
 * @since 0.1.0
 */
@AutoConfiguration
@Conditional(OnResilienceEnabledCondition.class)
@EnableConfigurationProperties(ResilienceProperties.class)
public final class ResilienceAutoConfiguration {

	static final String TIME_LIMITER_EXECUTOR_BEAN_NAME = "resilienceTimeLimiterExecutor";

	static final String SCHEDULER_EXECUTOR_BEAN_NAME = "resilienceSchedulerExecutor";

	@Bean
	@ConditionalOnMissingBean(ConfigSource.class)
	PropertiesConfigSource resilienceConfigSource(ResilienceProperties properties, Environment environment,
			ObjectProvider<SharedStore> sharedStore) {
		UnknownPropertiesCheck.check(environment);
		PropertiesConfigSource configs = new PropertiesConfigSource(properties);
		configs.validate();
		configs.validateStores(sharedStore.getIfAvailable() != null);
		return configs;
	}

	@Bean
	@ConditionalOnMissingBean
	ResilienceRegistry resilienceRegistry(ConfigSource configs, ObjectProvider<Clock> clock,
			ObjectProvider<Sleeper> sleeper,
			@Qualifier(TIME_LIMITER_EXECUTOR_BEAN_NAME) ExecutorService timeLimiterExecutor,
			ObjectProvider<DelayScheduler> scheduler,
			@Qualifier(SCHEDULER_EXECUTOR_BEAN_NAME) ObjectProvider<ScheduledExecutorService> schedulerExecutor,
			ObjectProvider<SharedStore> sharedStore) {
		return new ResilienceRegistry(configs, clock.getIfAvailable(Clock::system),
				sleeper.getIfAvailable(Sleeper::system), timeLimiterExecutor,
				scheduler.getIfAvailable(() -> DelayScheduler.of(schedulerExecutor.getObject(), timeLimiterExecutor)),
				sharedStore.getIfAvailable());
	}

	@Bean(name = SCHEDULER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdownNow")
	@ConditionalOnMissingBean(name = SCHEDULER_EXECUTOR_BEAN_NAME)
	ScheduledExecutorService resilienceSchedulerExecutor() {
		// Only keeps time: each task runs on the time limiter's workers once its delay has passed.
		// No context propagation here: asynchronous stages restore the caller's context
		// themselves, captured when the call starts rather than when a task is scheduled.
		return DelayScheduler.createExecutor();
	}

	@Bean(name = TIME_LIMITER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdownNow")
	@ConditionalOnMissingBean(name = TIME_LIMITER_EXECUTOR_BEAN_NAME)
	ExecutorService resilienceTimeLimiterExecutor() {
		// carries the caller's thread-local context (MDC, security, ...) to the worker, at no cost
		// to a call that has none
		return new ContextCarryingExecutorService(TimeLimiterExecutors.create());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ResilienceAnnotationBeanPostProcessor resilienceAnnotationBeanPostProcessor(
			ObjectProvider<ResilienceRegistry> registry, ObjectProvider<Faults> faults,
			ObjectProvider<ObservationRegistry> observations, Environment environment) {
		boolean observed = environment.getProperty("resilience.observations.enabled", Boolean.class, false);
		ResilienceAnnotationBeanPostProcessor postProcessor = new ResilienceAnnotationBeanPostProcessor(
				registry::getObject, () -> EnabledFaults.of(environment, faults),
				() -> observed ? observations.getIfAvailable() : null);
		postProcessor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
		return postProcessor;
	}

	/**
	 * The faults injected into guarded calls, with {@code resilience.faults.enabled=true} only:
	 * without it, no pipeline has a fault stage and no endpoint can set one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(EnabledFaults.PROPERTY)
	static class FaultsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Faults resilienceFaults(ResilienceProperties properties, ResilienceRegistry registry,
				ObjectProvider<Sleeper> sleeper) {
			return new Faults(new PropertiesConfigSource(properties).faults(), registry.events(),
					sleeper.getIfAvailable(Sleeper::system));
		}

	}

	@Bean
	UnusedInstancesReporter resilienceUnusedInstancesReporter(ObjectProvider<PropertiesConfigSource> configs,
			ObjectProvider<ResilienceRegistry> registry, ObjectProvider<Faults> faults) {
		return new UnusedInstancesReporter(configs, registry, faults);
	}

}
