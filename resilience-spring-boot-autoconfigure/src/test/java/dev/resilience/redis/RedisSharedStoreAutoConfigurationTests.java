package dev.resilience.redis;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceRedisAutoConfiguration;
import dev.resilience.core.LimitExceededException;
import dev.resilience.core.ManualClock;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.SharedStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Two applications on one real Redis, each with a rate limiter or a retry budget configured with
 * {@code store: redis}: one bound for both, under the key prefix of the application name; an
 * application that keeps every limiter and budget local opens no Redis connection for them.
 */
class RedisSharedStoreAutoConfigurationTests {

	private static EmbeddedRedis redis;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				ResilienceRedisAutoConfiguration.class, ResilienceAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
				"spring.application.name=shop");

	@BeforeAll
	static void startRedis() {
		redis = EmbeddedRedis.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void twoApplicationsOnOneRedisHoldOneBound() {
		ApplicationContextRunner fleet = this.runner.withPropertyValues(
				"resilience.rate-limiter.instances.geocoder.store=redis",
				"resilience.rate-limiter.instances.geocoder.limit=3",
				"resilience.rate-limiter.instances.geocoder.period=1m");
		fleet.run((first) -> fleet.run((second) -> {
			RateLimiter one = geocoder(first);
			RateLimiter two = geocoder(second);
			one.acquire(null);
			two.acquire(null);
			one.acquire(null);
			assertThatExceptionOfType(LimitExceededException.class).isThrownBy(() -> two.acquire(null));
			assertThatExceptionOfType(LimitExceededException.class).isThrownBy(() -> one.acquire(null));
			assertThat(one.store()).isEqualTo("redis");
			assertThat(two.store()).isEqualTo("redis");
			assertThat(first.getBean(RedisSharedStore.class).keyPrefix()).isEqualTo("resilience:shop:");
		}));
	}

	@Test
	void twoApplicationsOnOneRedisRetryWithinOneBudget() {
		// 10 retries per window of 10s whatever the traffic, none earned by first attempts; a
		// manual clock in each application, both at the same time, which the retries' delays move
		ApplicationContextRunner fleet = this.runner
			.withPropertyValues("resilience.retry.instances.inventory.budget.store=redis",
					"resilience.retry.instances.inventory.budget.min-per-second=1",
					"resilience.retry.instances.inventory.budget.ratio=0",
					"resilience.retry.instances.inventory.max-attempts=3",
					"resilience.retry.instances.inventory.delay=1ms", "resilience.retry.instances.inventory.jitter=0")
			.withBean(ManualClock.class, ManualClock::new);
		fleet.run((first) -> fleet.run((second) -> {
			Retry one = inventory(first);
			Retry two = inventory(second);
			for (int call = 0; call < 10; call++) {
				assertThatIOException().isThrownBy(() -> one.execute(RedisSharedStoreAutoConfigurationTests::fail));
				assertThatIOException().isThrownBy(() -> two.execute(RedisSharedStoreAutoConfigurationTests::fail));
			}
			// 40 retries asked for, 10 granted to the two together
			assertThat(one.metrics().retryAttempts() + two.metrics().retryAttempts()).isEqualTo(10);
			assertThat(one.metrics().retryAttempts()).isPositive();
			assertThat(two.metrics().retryAttempts()).isPositive();
			assertThat(one.metrics().budgetExhausted() + two.metrics().budgetExhausted()).isEqualTo(20 - 5);
			assertThat(redis.admin().hasKey("resilience:shop:retrybudget:inventory")).isTrue();
			assertThat(one.budgetStore()).isEqualTo("redis");
			assertThat(two.budgetStore()).isEqualTo("redis");
		}));
	}

	@Test
	void applicationWhoseLimitersAreAllLocalHasNoSharedStore() {
		this.runner.withPropertyValues("resilience.rate-limiter.instances.geocoder.limit=3").run((context) -> {
			assertThat(context).doesNotHaveBean(SharedStore.class).doesNotHaveBean(RedisScripts.class);
			assertThat(geocoder(context).store()).isEqualTo("local");
		});
	}

	@Test
	void keyPrefixMayBeSet() {
		this.runner
			.withPropertyValues("resilience.rate-limiter.defaults.store=redis", "resilience.redis.key-prefix=fleet:")
			.run((context) -> assertThat(context.getBean(RedisSharedStore.class).keyPrefix()).isEqualTo("fleet:"));
	}

	private static Retry inventory(ConfigurableApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).retry("inventory");
	}

	private static String fail() throws IOException {
		throw new IOException("inventory is down");
	}

	private static RateLimiter geocoder(ConfigurableApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).rateLimiter("geocoder");
	}

}
