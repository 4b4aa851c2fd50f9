package dev.resilience.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.resilience.core.Store;

/**
 * Matches when a rate limiter or a retry budget, in its defaults or one of its instances, keeps
 * its state in Redis, so that an application that keeps everything local opens no Redis connection for it.
 */
final class OnRedisStoreCondition extends SpringBootCondition {

	private static final String RATE_LIMITER = "resilience.rate-limiter";

	private static final String RETRY = "resilience.retry";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		ResilienceProperties.RateLimiter rateLimiter = binder.bind(RATE_LIMITER, ResilienceProperties.RateLimiter.class)
			.orElseGet(ResilienceProperties.RateLimiter::new);
		if (rateLimiter.getDefaults().getStore() == Store.REDIS || rateLimiter.getInstances()
			.values()
			.stream()
			.anyMatch((settings) -> settings.getStore() == Store.REDIS)) {
			return ConditionOutcome.match("a rate limiter under " + RATE_LIMITER + " has store redis");
		}
		ResilienceProperties.Retry retry = binder.bind(RETRY, ResilienceProperties.Retry.class)
			.orElseGet(ResilienceProperties.Retry::new);
		if (retry.getDefaults().getBudget().getStore() == Store.REDIS || retry.getInstances()
			.values()
			.stream()
			.anyMatch((settings) -> settings.getBudget().getStore() == Store.REDIS)) {
			return ConditionOutcome.match("a retry budget under " + RETRY + " has store redis");
		}
		return ConditionOutcome
			.noMatch("no rate limiter under " + RATE_LIMITER + " and no retry budget under " + RETRY + " has store redis");
	}

}
