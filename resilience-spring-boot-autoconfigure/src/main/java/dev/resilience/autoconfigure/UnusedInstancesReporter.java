package dev.resilience.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

import dev.resilience.cloud.ReactiveResilienceCircuitBreakerFactory;
import dev.resilience.cloud.ResilienceCircuitBreakerFactory;
import dev.resilience.core.Faults;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.ResilienceClientHttpRequestInterceptor;
import dev.resilience.http.ResilienceExchangeFilterFunction;

/**
 * Warns, once every singleton is ready, about each {@code resilience.*.instances.<name>} that no
 * annotated method or code uses: most likely a typo in the name, which would otherwise leave the
 * intended instance on its defaults without a word.
 *
 * <p>The HTTP client guards create the retry and the circuit breaker of a host on the first
 * request to it, after start-up; so where a guard is a bean, a retry or circuit breaker instance
 * whose name is a {@code host[:port]} ({@link HostInstanceNames}) is not reported, nor is a rate
 * limiter of such a name, which is a host's quota, nor faults of such a name. Time limiter,
 * concurrency limit and hedge instances are, since the guards use none per host. Faults, while
 * they are enabled, are reported when no annotated method uses their name. Where this starter's
 * Spring Cloud circuit breaker factories are beans, circuit breaker and time limiter instances are
 * not reported either: a Spring Cloud circuit breaker creates them at its first call.
 *
 * <p>Not thread-safe; called once by the container.
 */
final class UnusedInstancesReporter implements SmartInitializingSingleton, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(UnusedInstancesReporter.class);

	private static final ClassLoader CLASS_LOADER = UnusedInstancesReporter.class.getClassLoader();

	private static final boolean BLOCKING_GUARD_PRESENT = ClassUtils
		.isPresent("org.springframework.http.client.ClientHttpRequestInterceptor", CLASS_LOADER);

	private static final boolean REACTIVE_GUARD_PRESENT = ClassUtils
		.isPresent("org.springframework.web.reactive.function.client.ExchangeFilterFunction", CLASS_LOADER)
			&& ClassUtils.isPresent("reactor.core.publisher.Mono", CLASS_LOADER);

	private static final boolean CLOUD_PRESENT = ClassUtils
		.isPresent("org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory", CLASS_LOADER);

	private final ObjectProvider<PropertiesConfigSource> configs;

	private final ObjectProvider<ResilienceRegistry> registry;

	private final ObjectProvider<Faults> faults;

	private @Nullable ListableBeanFactory beanFactory;

	UnusedInstancesReporter(ObjectProvider<PropertiesConfigSource> configs, ObjectProvider<ResilienceRegistry> registry,
			ObjectProvider<Faults> faults) {
		this.configs = configs;
		this.registry = registry;
		this.faults = faults;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PropertiesConfigSource configs = this.configs.getIfAvailable();
		ResilienceRegistry registry = this.registry.getIfAvailable();
		if (configs == null || registry == null) {
			return;
		}
		boolean httpGuards = httpGuardsPresent();
		boolean cloudFactories = cloudFactoriesPresent();
		report("resilience.retry.instances", configs.retryInstanceNames(), registry.retries(),
				(retry) -> retry.name(), httpGuards);
		report("resilience.circuit-breaker.instances", configs.circuitBreakerInstanceNames(),
				registry.circuitBreakers(), (breaker) -> breaker.name(), httpGuards, cloudFactories);
		report("resilience.time-limiter.instances", configs.timeLimiterInstanceNames(), registry.timeLimiters(),
				(limiter) -> limiter.name(), false, cloudFactories);
		report("resilience.concurrency-limit.instances", configs.concurrencyLimitInstanceNames(),
				registry.concurrencyLimits(), (limit) -> limit.name(), false);
		report("resilience.rate-limiter.instances", configs.rateLimiterInstanceNames(), registry.rateLimiters(),
				(limiter) -> limiter.name(), httpGuards);
		report("resilience.hedge.instances", configs.hedgeInstanceNames(), registry.hedges(), (hedge) -> hedge.name(),
				false);
		Faults faults = this.faults.getIfAvailable();
		if (faults != null) {
			Set<String> configured = configs.faultInstanceNames();
			List<String> kept = configured.stream().filter(faults::isKept).toList();
			report("resilience.faults.instances", configured, kept, (name) -> name, httpGuards);
		}
	}

	/** Whether this starter's Spring Cloud circuit breaker factories are beans. */
	private boolean cloudFactoriesPresent() {
		ListableBeanFactory beanFactory = this.beanFactory;
		return CLOUD_PRESENT && beanFactory != null && CloudFactories.isBean(beanFactory);
	}

	private boolean httpGuardsPresent() {
		ListableBeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			return false;
		}
		return (BLOCKING_GUARD_PRESENT && BlockingGuard.isBean(beanFactory))
				|| (REACTIVE_GUARD_PRESENT && ReactiveGuard.isBean(beanFactory));
	}

	private static <T> void report(String prefix, Set<String> configured, Collection<T> used,
			Function<T, String> name, boolean hostsExpected) {
		report(prefix, configured, used, name, hostsExpected, false);
	}

	private static <T> void report(String prefix, Set<String> configured, Collection<T> used,
			Function<T, String> name, boolean hostsExpected, boolean cloudIdsExpected) {
		Set<String> unused = new TreeSet<>(configured);
		used.forEach((instance) -> unused.remove(name.apply(instance)));
		for (String instance : unused) {
			String key = prefix + "." + PropertiesConfigSource.mapKey(instance);
			if (hostsExpected && HostInstanceNames.isHost(instance)) {
				if (logger.isDebugEnabled()) {
					logger.debug(key + " is configured for the HTTP host '" + instance
							+ "'; the HTTP client guards create it on the first request to that host");
				}
			}
			else if (cloudIdsExpected) {
				if (logger.isDebugEnabled()) {
					logger.debug(key + " is not used yet; a Spring Cloud circuit breaker of id '" + instance
							+ "' creates it at its first call");
				}
			}
			else {
				logger.warn(key + " is configured, but no annotated method or code uses an instance named '"
						+ instance + "'; check the name for a typo");
			}
		}
	}

	/**
	 * Looks for the blocking guard, only loaded when {@code spring-web} is present.
	 */
	private static final class BlockingGuard {

		static boolean isBean(ListableBeanFactory beanFactory) {
			return beanFactory.getBeanNamesForType(ResilienceClientHttpRequestInterceptor.class, true, false).length > 0;
		}

	}

	/**
	 * Looks for the reactive guard, only loaded when WebFlux and Reactor are present.
	 */
	private static final class ReactiveGuard {

		static boolean isBean(ListableBeanFactory beanFactory) {
			return beanFactory.getBeanNamesForType(ResilienceExchangeFilterFunction.class, true, false).length > 0;
		}

	}

	/**
	 * Looks for this starter's Spring Cloud circuit breaker factories, only loaded when
	 * {@code spring-cloud-commons} is present.
	 */
	private static final class CloudFactories {

		static boolean isBean(ListableBeanFactory beanFactory) {
			return beanFactory.getBeanNamesForType(ResilienceCircuitBreakerFactory.class, true, false).length > 0
					|| beanFactory.getBeanNamesForType(ReactiveResilienceCircuitBreakerFactory.class, true,
							false).length > 0;
		}

	}

}
