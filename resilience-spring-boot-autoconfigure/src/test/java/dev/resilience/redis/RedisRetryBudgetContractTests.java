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
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.RetryBudget;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.core.RetryBudgetContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared behaviour of {@link RetryBudgetContract} for {@link RedisRetryBudget} on a real
 * Redis server: the same assertions on the same manual clock as for the local budget, each
 * budget on a key of its own, and every decision made by Redis (none by the local fallback).
 */
class RedisRetryBudgetContractTests extends RetryBudgetContract {

	private static final AtomicInteger prefixes = new AtomicInteger();

	private static EmbeddedRedis redis;

	private static RedisScripts scripts;

	private final List<RedisRetryBudget> budgets = new ArrayList<>();

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
	protected RetryBudget newBudget(RetryBudgetConfig config, Clock clock) {
		CircuitBreaker breaker = CircuitBreaker.of("resilience-redis", CircuitBreakerConfig.defaults(), clock,
				new ResilienceListener() {
				});
		RedisRetryBudget budget = new RedisRetryBudget("inventory", config, scripts,
				"contract-" + prefixes.incrementAndGet() + ":", breaker, clock, new ResilienceListener() {
				});
		this.budgets.add(budget);
		return budget;
	}

	@AfterEach
	void everyDecisionWasMadeByRedis() {
		assertThat(this.budgets).isNotEmpty().allSatisfy((budget) -> {
			assertThat(budget.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
			assertThat(budget.fallbacks()).isZero();
		});
	}

}
