package dev.resilience.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * When Spring AOT prepares an application, registers the exception classes its
 * {@code resilience.*} properties name ({@code retry-on}, {@code abort-on}, {@code record-on},
 * {@code ignore}, and the {@code exception} of faults, whose message constructor is invoked), so
 * that a native image can load them by name as the JVM does.
 *
 * <p>Thread-safe: stateless.
 */
class ConfiguredExceptionsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBean("environment")) {
			return null;
		}
		ResilienceProperties properties = Binder.get(beanFactory.getBean("environment", Environment.class))
			.bind("resilience", Bindable.of(ResilienceProperties.class))
			.orElse(null);
		if (properties == null) {
			return null;
		}
		Set<Class<?>> matched = matchedExceptions(properties);
		Set<Class<?>> thrown = thrownExceptions(properties);
		if (matched.isEmpty() && thrown.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			matched.forEach((type) -> reflection.registerType(type));
			thrown.forEach((type) -> reflection.registerType(type, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
		};
	}

	private static Set<Class<?>> matchedExceptions(ResilienceProperties properties) {
		Set<Class<?>> types = new LinkedHashSet<>();
		List<RetrySettings> retries = new ArrayList<>(properties.getRetry().getInstances().values());
		retries.add(properties.getRetry().getDefaults());
		for (RetrySettings retry : retries) {
			addAll(types, retry.getRetryOn());
			addAll(types, retry.getAbortOn());
		}
		List<CircuitBreakerSettings> breakers = new ArrayList<>(
				properties.getCircuitBreaker().getInstances().values());
		breakers.add(properties.getCircuitBreaker().getDefaults());
		for (CircuitBreakerSettings breaker : breakers) {
			addAll(types, breaker.getRecordOn());
			addAll(types, breaker.getIgnore());
		}
		return types;
	}

	private static Set<Class<?>> thrownExceptions(ResilienceProperties properties) {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (FaultSettings faults : properties.getFaults().getInstances().values()) {
			if (faults.getException() != null) {
				types.add(faults.getException());
			}
		}
		return types;
	}

	private static void addAll(Set<Class<?>> types, @Nullable Collection<Class<? extends Throwable>> named) {
		if (named != null) {
			types.addAll(named);
		}
	}

}
