package dev.resilience.autoconfigure;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.resilience.core.ResilienceRegistry;

/**
 * Warns, once every singleton is ready, about each {@code resilience.*.instances.<name>} that no
 * annotated method or code uses: most likely a typo in the name, which would otherwise leave the
 * intended instance on its defaults without a word.
 */
final class UnusedInstancesReporter implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UnusedInstancesReporter.class);

	private final ObjectProvider<PropertiesConfigSource> configs;

	private final ObjectProvider<ResilienceRegistry> registry;

	UnusedInstancesReporter(ObjectProvider<PropertiesConfigSource> configs, ObjectProvider<ResilienceRegistry> registry) {
		this.configs = configs;
		this.registry = registry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PropertiesConfigSource configs = this.configs.getIfAvailable();
		ResilienceRegistry registry = this.registry.getIfAvailable();
		if (configs == null || registry == null) {
			return;
		}
		report("resilience.retry.instances", configs.retryInstanceNames(), registry.retries(),
				(retry) -> retry.name());
		report("resilience.circuit-breaker.instances", configs.circuitBreakerInstanceNames(),
				registry.circuitBreakers(), (breaker) -> breaker.name());
		report("resilience.time-limiter.instances", configs.timeLimiterInstanceNames(), registry.timeLimiters(),
				(limiter) -> limiter.name());
	}

	private static <T> void report(String prefix, Set<String> configured, Collection<T> used,
			Function<T, String> name) {
		Set<String> unused = new TreeSet<>(configured);
		used.forEach((instance) -> unused.remove(name.apply(instance)));
		for (String instance : unused) {
			logger.warn(prefix + "." + instance + " is configured, but no annotated method or code uses an instance "
					+ "named '" + instance + "'; check the name for a typo");
		}
	}

}
