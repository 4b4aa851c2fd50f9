package dev.resilience.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.Clock;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.RateLimiterContract;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.Sleeper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared behaviour of {@link RateLimiterContract} for {@link RedisRateLimiter} on a real
 * Redis server: the same assertions on the same manual clock as for the local limiter, each
 * limiter on a key of its own, and every decision made by Redis (none by the local fallback).
 */
class RedisRateLimiterContractTests extends RateLimiterContract {

	private static final AtomicInteger prefixes = new AtomicInteger();

	private static EmbeddedRedis redis;

	private static RedisScripts scripts;

	private final List<RedisRateLimiter> limiters = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = EmbeddedRedis.start();
		// the timeout of production would make a slow moment of a busy build look like an outage
		scripts = new RedisScripts(redis.connect(), Duration.ofSeconds(5));
	}

	@AfterAll
	static void stopRedis() {
		scripts.close();
		redis.close();
	}

	@Override
	protected RateLimiter newLimiter(String name, RateLimiterConfig config, Clock clock, Sleeper sleeper,
			ResilienceListener listener) {
		CircuitBreaker breaker = CircuitBreaker.of("resilience-redis", CircuitBreakerConfig.defaults(), clock,
				new ResilienceListener() {
				});
		RedisRateLimiter limiter = new RedisRateLimiter(name, config, scripts,
				"contract-" + prefixes.incrementAndGet() + ":", breaker, clock, sleeper, listener);
		this.limiters.add(limiter);
		return limiter;
	}

	@AfterEach
	void everyDecisionWasMadeByRedis() {
		assertThat(this.limiters).isNotEmpty().allSatisfy((limiter) -> {
			assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
			assertThat(limiter.fallbacks()).isZero();
		});
	}

}
