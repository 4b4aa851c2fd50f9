package dev.resilience.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.RetryBudgetConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link RedisRetryBudget} against a real Redis server, started for each test: budgets
 * sharing one bound, Redis stopped and restarted, and a key that expires by itself. Decisions run
 * on a manual clock, as the breaker's wait does; the timeout and the time a decision takes are
 * real, measured with {@link System#nanoTime()}.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class RedisRetryBudgetTests {

	private static final String PREFIX = "resilience:test:";

	private static final String KEY = PREFIX + "retrybudget:inventory";

	private static final Duration TIMEOUT = RedisScripts.DEFAULT_TIMEOUT;

	/** Time a busy machine may add to a decision cut off at the timeout. */
	private static final Duration MARGIN = Duration.ofMillis(150);

	private static final Duration WAIT_IN_OPEN = Duration.ofSeconds(10);

	private static final String SWITCHED_TO_LOCAL = "Retry budget 'inventory' decides locally: Redis is unavailable (";

	private static final String BACK_TO_REDIS = "Retry budget 'inventory' decides through Redis again";

	private final ManualClock clock = new ManualClock();

	private final ManualClock breakerClock = new ManualClock();

	private final AtomicInteger localDecisions = new AtomicInteger();

	private final ResilienceListener listener = new ResilienceListener() {

		@Override
		public void onSharedStoreFallback(String name) {
			assertThat(name).isEqualTo("inventory");
			RedisRetryBudgetTests.this.localDecisions.incrementAndGet();
		}

	};

	private final List<RedisScripts> scripts = new ArrayList<>();

	private EmbeddedRedis redis;

	@BeforeEach
	void startRedis() {
		this.redis = EmbeddedRedis.start();
	}

	@AfterEach
	void stopRedis() {
		this.scripts.forEach(RedisScripts::close);
		this.redis.close();
	}

	@Test
	void budgetsOnOneKeyHoldOneBound() {
		// 10 retries per window whatever the traffic, and one more for every two first attempts
		RetryBudgetConfig config = RetryBudgetConfig.builder().minPerSecond(1).ratio(0.5).build();
		RedisRetryBudget first = budget(config, this.redis.connect(), breaker());
		RedisRetryBudget second = budget(config, this.redis.connect(), breaker());
		for (int i = 0; i < 4; i++) {
			first.recordFirstAttempt();
		}
		for (int i = 0; i < 6; i++) {
			second.recordFirstAttempt();
		}
		int granted = 0;
		for (int i = 0; i < 20; i++) {
			granted += ((i % 2 == 0) ? first : second).tryAcquireRetry() ? 1 : 0;
		}
		assertThat(granted).isEqualTo(10 + 5);
		assertThat(first.exhausted() + second.exhausted()).isEqualTo(5);
		Map<Object, Object> counts = admin().opsForHash().entries(KEY);
		assertThat(counts).hasSize(2);
		assertThat(counts.values()).containsExactlyInAnyOrder("10", "15");
		this.clock.advance(Duration.ofSeconds(10).minusNanos(1));
		assertThat(second.hasRoomForRetry()).isFalse();
		this.clock.advance(Duration.ofSeconds(1).plusNanos(1));
		assertThat(first.tryAcquireRetry()).isTrue();
		assertThat(first.fallbacks() + second.fallbacks()).isZero();
	}

	@Test
	void redisStoppedInTheMiddleOfARunFailsNoDecisionAndDelaysNoneBeyondTheTimeoutAndComesBack(
			CapturedOutput output) {
		CircuitBreaker breaker = breaker();
		RedisRetryBudget budget = budget(RetryBudgetConfig.defaults(), this.redis.connect(), breaker);
		for (int i = 0; i < 10; i++) {
			budget.recordFirstAttempt();
			assertThat(budget.tryAcquireRetry()).isTrue();
		}
		assertThat(budget.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
		this.redis.stop();
		long slowest = 0;
		for (int i = 0; i < 40; i++) {
			long start = System.nanoTime();
			budget.recordFirstAttempt();
			assertThat(budget.tryAcquireRetry()).isTrue();
			slowest = Math.max(slowest, System.nanoTime() - start);
			this.clock.advance(Duration.ofMillis(10));
		}
		assertThat(Duration.ofNanos(slowest)).isLessThan(TIMEOUT.plus(MARGIN));
		assertThat(budget.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		assertThat(budget.fallbacks()).isEqualTo(40);
		assertThat(this.localDecisions).hasValue(40);
		assertThat(budget.exhausted()).isZero();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(output.getOut()).containsOnlyOnce(SWITCHED_TO_LOCAL).doesNotContain(BACK_TO_REDIS);
		this.redis.restart();
		// the breaker lets a probe through once its wait is over; Lettuce reconnects by itself
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
			this.breakerClock.advance(WAIT_IN_OPEN);
			budget.hasRoomForRetry();
			return RedisRateLimiter.STORE_REDIS.equals(budget.store());
		});
		long fallbacks = budget.fallbacks();
		// the restarted Redis is empty: the first decision sends the script with EVAL
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.fallbacks()).isEqualTo(fallbacks);
		assertThat(admin().hasKey(KEY)).isTrue();
		assertThat(output.getOut()).containsOnlyOnce(SWITCHED_TO_LOCAL).containsOnlyOnce(BACK_TO_REDIS);
	}

	@Test
	void theLocalBudgetCountsTheRetriesRedisGrantedSoThatASwitchGrantsNoMoreThanOneBound() {
		// 10 retries per window whatever the traffic
		RedisRetryBudget budget = budget(RetryBudgetConfig.builder().minPerSecond(1).build(), this.redis.connect(),
				breaker());
		int granted = 0;
		for (int i = 0; i < 10; i++) {
			granted += budget.tryAcquireRetry() ? 1 : 0;
		}
		assertThat(budget.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
		this.redis.stop();
		for (int i = 0; i < 10; i++) {
			granted += budget.tryAcquireRetry() ? 1 : 0;
		}
		assertThat(budget.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		assertThat(granted).as("retries granted by Redis, then by the local budget, in one window").isEqualTo(10);
	}

	@Test
	void keyHoldsAtMostTheCountsOfOneWindowAndExpiresByItself() {
		RedisRetryBudget budget = budget(RetryBudgetConfig.builder().window(Duration.ofSeconds(1)).build(),
				this.redis.connect(), breaker());
		for (int i = 0; i < 1000; i++) {
			budget.recordFirstAttempt();
			budget.tryAcquireRetry();
			this.clock.advance(Duration.ofMillis(30));
		}
		assertThat(admin().keys(PREFIX + "*")).containsExactly(KEY);
		// a retry and a first-attempt count per slot of the window, and the slot it may overlap
		assertThat(admin().opsForHash().size(KEY)).isBetween(2L, 22L);
		// the latest retry leaves the window, of ten slots, at the end of its slot + 10
		assertThat(admin().getExpire(KEY, TimeUnit.MILLISECONDS)).isBetween(1_000L, 1_100L);
		await().atMost(Duration.ofSeconds(3)).until(() -> !admin().hasKey(KEY));
		assertThat(budget.fallbacks()).isZero();
	}

	@Test
	void firstAttemptsCostNoRoundTrip() {
		RedisRetryBudget budget = budget(RetryBudgetConfig.defaults(), this.redis.connect(), breaker());
		for (int i = 0; i < 100; i++) {
			budget.recordFirstAttempt();
		}
		assertThat(admin().hasKey(KEY)).isFalse();
		assertThat(budget.hasRoomForRetry()).isTrue();
		// in the slot they happened in, a tenth of the window of ten seconds
		assertThat(admin().opsForHash().entries(KEY))
			.containsExactly(Map.entry("f" + this.clock.currentTimeMicros() / 1_000_000, "100"));
	}

	@Test
	void resetDeletesTheSharedBudgetForEveryInstance() {
		RetryBudgetConfig config = RetryBudgetConfig.builder().minPerSecond(0).ratio(1).build();
		RedisRetryBudget first = budget(config, this.redis.connect(), breaker());
		RedisRetryBudget second = budget(config, this.redis.connect(), breaker());
		first.recordFirstAttempt();
		assertThat(first.tryAcquireRetry()).isTrue();
		assertThat(second.tryAcquireRetry()).isFalse();
		second.recordFirstAttempt();
		first.reset();
		assertThat(admin().hasKey(KEY)).isFalse();
		assertThat(first.exhausted()).isZero();
		assertThat(second.exhausted()).as("the other instance's refusals are its own").isOne();
		// the first attempt second counted before the reset is sent with its next decision
		assertThat(second.tryAcquireRetry()).isTrue();
		assertThat(first.tryAcquireRetry()).isFalse();
	}

	@Test
	void resetDropsTheFirstAttemptsNotSentYet() {
		RedisRetryBudget budget = budget(RetryBudgetConfig.builder().minPerSecond(0).ratio(1).build(),
				this.redis.connect(), breaker());
		budget.recordFirstAttempt();
		budget.reset();
		assertThat(budget.tryAcquireRetry()).isFalse();
		assertThat(budget.exhausted()).isOne();
	}

	private StringRedisTemplate admin() {
		return this.redis.admin();
	}

	private CircuitBreaker breaker() {
		return CircuitBreaker.of("resilience-redis",
				CircuitBreakerConfig.builder()
					.slidingWindowSize(4)
					.minimumCalls(4)
					.waitInOpen(WAIT_IN_OPEN)
					.halfOpenCalls(1)
					.build(),
				this.breakerClock, new ResilienceListener() {
				});
	}

	private RedisRetryBudget budget(RetryBudgetConfig config, LettuceConnectionFactory factory,
			CircuitBreaker breaker) {
		RedisScripts scripts = new RedisScripts(factory, TIMEOUT);
		this.scripts.add(scripts);
		return new RedisRetryBudget("inventory", config, scripts, PREFIX, breaker, this.clock, this.listener);
	}

}
