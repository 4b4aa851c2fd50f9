package dev.resilience.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.resilience.core.Store;

/**
 * Matches when a rate limiter, in its defaults or one of its instances, keeps its state in Redis,
 * so that an application that keeps everything local opens no Redis connection for it.
 */
final class OnRedisStoreCondition extends SpringBootCondition {

	private static final String PREFIX = "resilience.rate-limiter";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ResilienceProperties.RateLimiter rateLimiter = Binder.get(context.getEnvironment())
			.bind(PREFIX, ResilienceProperties.RateLimiter.class)
			.orElseGet(ResilienceProperties.RateLimiter::new);
		boolean redis = rateLimiter.getDefaults().getStore() == Store.REDIS || rateLimiter.getInstances()
			.values()
			.stream()
			.anyMatch((settings) -> settings.getStore() == Store.REDIS);
		return redis ? ConditionOutcome.match("a rate limiter under " + PREFIX + " has store redis")
				: ConditionOutcome.noMatch("no rate limiter under " + PREFIX + " has store redis");
	}

}
