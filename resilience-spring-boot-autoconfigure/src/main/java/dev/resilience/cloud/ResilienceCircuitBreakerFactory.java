package dev.resilience.cloud;

import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

import dev.resilience.core.ResilienceRegistry;

/**
 * Spring Cloud's {@link CircuitBreakerFactory} backed by the starter: {@code create(id)} returns a
 * circuit breaker whose calls pass the registry's circuit breaker named {@code id}, configured by
 * {@code resilience.circuit-breaker.*} and shown by the endpoints, meters and events as that
 * name, and, where {@code resilience.time-limiter.instances.<id>} is configured (or the settings
 * given in code ask for one), the time limiter of that name. The fallback function receives the
 * failure: a {@link dev.resilience.core.CallNotPermittedException} when the breaker rejects the
 * call, a {@link dev.resilience.core.TimeLimitExceededException} at the timeout, or the
 * supplier's own exception.
 *
 * <p>{@link #configure} and {@link #configureDefault} take {@link CloudCircuitBreakerConfig}s,
 * layered under {@code application.yml} as annotation attributes are. A group name given to
 * {@code create(id, group)} is not used: the instance is the id's.
 *
 * <p>Thread-safe; {@code create} is cheap, and may be called for every call.
 *
 * @since 0.3.0
 */
public final class ResilienceCircuitBreakerFactory
		extends CircuitBreakerFactory<CloudCircuitBreakerConfig, CloudCircuitBreakerConfig.Builder> {

	private final CloudInstances instances;

	/**
	 * Creates a factory.
	 * @param registry the instances behind every breaker
	 * @param timeLimitConfigured whether a time limiter is configured for an id, so that its
	 * calls have a time limit without one asked for in code
	 */
	public ResilienceCircuitBreakerFactory(ResilienceRegistry registry, Predicate<String> timeLimitConfigured) {
		this.instances = new CloudInstances(registry, timeLimitConfigured);
	}

	@Override
	public CircuitBreaker create(String id) {
		CloudCircuitBreakerConfig config = this.instances.config(id, getConfigurations());
		return new ResilienceCloudCircuitBreaker(id, this.instances.circuitBreaker(id, config),
				this.instances.timeLimiter(id, config), this.instances.registry());
	}

	@Override
	protected CloudCircuitBreakerConfig.Builder configBuilder(String id) {
		return CloudCircuitBreakerConfig.builder();
	}

	@Override
	public void configureDefault(Function<String, CloudCircuitBreakerConfig> defaultConfiguration) {
		this.instances.configureDefault(defaultConfiguration);
	}

}
