package dev.resilience.autoconfigure;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.Environment;

/**
 * Fails start-up on a key under {@code resilience.retry}, {@code resilience.circuit-breaker},
 * {@code resilience.time-limiter}, {@code resilience.concurrency-limit},
 * {@code resilience.rate-limiter}, {@code resilience.hedge}, {@code resilience.load-shedding},
 * {@code resilience.redis} or {@code resilience.faults}
 * that no setting has, in {@code defaults} and in {@code instances.<name>} alike
 * ({@code resilience.retry.defaults.max-atempts}): binding alone ignores such a key, which would
 * leave the setting meant on its default without a word.
 *
 * <p>Each group is bound a second time, strictly; the {@link BindException} it throws has an
 * {@link UnboundConfigurationPropertiesException} as its cause, which
 * {@link UnknownPropertyFailureAnalyzer} reports with the keys allowed.
 *
 * <p>Thread-safe: stateless.
 */
final class UnknownPropertiesCheck {

	private UnknownPropertiesCheck() {
	}

	/**
	 * Checks the keys of the policy groups.
	 * @param environment the properties
	 * @throws BindException naming the unknown keys
	 */
	static void check(Environment environment) {
		Binder binder = Binder.get(environment);
		bindStrictly(binder, "resilience.retry", ResilienceProperties.Retry.class);
		bindStrictly(binder, "resilience.circuit-breaker", ResilienceProperties.CircuitBreaker.class);
		bindStrictly(binder, "resilience.time-limiter", ResilienceProperties.TimeLimiter.class);
		bindStrictly(binder, "resilience.concurrency-limit", ResilienceProperties.ConcurrencyLimit.class);
		bindStrictly(binder, "resilience.rate-limiter", ResilienceProperties.RateLimiter.class);
		bindStrictly(binder, "resilience.hedge", ResilienceProperties.Hedge.class);
		bindStrictly(binder, "resilience.load-shedding", ResilienceProperties.LoadShedding.class);
		bindStrictly(binder, "resilience.redis", ResilienceProperties.Redis.class);
		bindStrictly(binder, "resilience.faults", ResilienceProperties.Faults.class);
	}

	private static void bindStrictly(Binder binder, String prefix, Class<?> group) {
		binder.bind(prefix, Bindable.of(group), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
	}

}
