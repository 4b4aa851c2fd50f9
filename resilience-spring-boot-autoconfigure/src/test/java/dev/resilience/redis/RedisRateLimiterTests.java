package dev.resilience.redis;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.Clock;
import dev.resilience.core.ManualClock;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.Sleeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link RedisRateLimiter} against a real Redis server, started for each test: instances
 * sharing one bound, Redis stopped, restarted, slow, unreachable or emptied of its scripts, and
 * keys that expire by themselves. Decisions run on a manual clock, as the breaker's wait does;
 * the timeout and the time a call takes are real, measured with {@link System#nanoTime()}.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class RedisRateLimiterTests {

	private static final String PREFIX = "resilience:test:";

	private static final String KEY = PREFIX + "ratelimiter:geocoder";

	private static final Duration TIMEOUT = RedisScripts.DEFAULT_TIMEOUT;

	/** Time a busy machine may add to a decision cut off at the timeout. */
	private static final Duration MARGIN = Duration.ofMillis(150);

	private static final Duration WAIT_IN_OPEN = Duration.ofSeconds(10);

	private static final String SWITCHED_TO_LOCAL = "Rate limiter 'geocoder' decides locally: Redis is unavailable (";

	private static final String BACK_TO_REDIS = "Rate limiter 'geocoder' decides through Redis again";

	private static final ResilienceListener NO_LISTENER = new ResilienceListener() {
	};

	private final ManualClock clock = new ManualClock();

	private final ManualClock breakerClock = new ManualClock();

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
	void instancesOnOneKeyShareOneBound() {
		RateLimiterConfig config = config(3, Duration.ofSeconds(1), Duration.ZERO);
		RedisRateLimiter first = limiter(config, this.redis.connect(), breaker());
		RedisRateLimiter second = limiter(config, this.redis.connect(), breaker());
		assertThat(first.reserve(null)).isZero();
		assertThat(second.reserve(null)).isZero();
		assertThat(first.reserve(null)).isZero();
		assertThat(second.available()).isZero();
		assertThat(second.reserve(null)).isEqualTo(RateLimiter.REFUSED);
		assertThat(first.reserve(null)).isEqualTo(RateLimiter.REFUSED);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(first.available()).isEqualTo(3);
		assertThat(second.reserve(null)).isZero();
		assertThat(first.metrics()).isEqualTo(new RateLimiter.Metrics(2, 0, 1));
		assertThat(second.metrics()).isEqualTo(new RateLimiter.Metrics(2, 0, 1));
		assertThat(first.fallbacks() + second.fallbacks()).isZero();
	}

	@Test
	void instancesUnderLoadNeverStartMoreThanTheLimitInAnyPeriod() throws Exception {
		int limit = 5;
		long periodMicros = 200_000;
		RateLimiterConfig config = config(limit, Duration.ofNanos(periodMicros * 1000), Duration.ofMillis(100));
		RecordingClock realTime = new RecordingClock();
		List<RedisRateLimiter> instances = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			// a generous timeout: a decision made locally would not count in the shared bound
			RedisScripts redis = scripts(this.redis.connect(), Duration.ofSeconds(5));
			instances.add(new RedisRateLimiter("geocoder", config, redis, PREFIX, breaker(), realTime, realTime,
					NO_LISTENER));
		}
		long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		List<List<Long>> perThread = runTogether(8, (thread) -> {
			RateLimiter limiter = instances.get(thread % 2);
			List<Long> starts = new ArrayList<>();
			while (System.nanoTime() < end) {
				long wait = limiter.reserve(null);
				if (wait != RateLimiter.REFUSED) {
					starts.add(realTime.lastMicros() + wait / 1000);
				}
			}
			return starts;
		});
		long[] starts = perThread.stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
		assertThat(starts.length).isGreaterThan(2 * limit);
		for (int i = 0; i + limit < starts.length; i++) {
			if (starts[i + limit] - starts[i] < periodMicros) {
				fail("%d starts within %dus", limit + 1, starts[i + limit] - starts[i]);
			}
		}
		assertThat(instances).allSatisfy((limiter) -> assertThat(limiter.fallbacks()).isZero());
		assertThat(instances.get(0).metrics().permittedCalls() + instances.get(1).metrics().permittedCalls())
			.isEqualTo(starts.length);
		assertThat(admin().opsForList().size(KEY)).isEqualTo(limit);
	}

	@Test
	void redisStoppedInTheMiddleOfARunFailsNoCallAndDelaysNoneBeyondTheTimeout(CapturedOutput output)
			throws InterruptedException {
		CircuitBreaker breaker = breaker();
		RedisRateLimiter limiter = limiter(config(1000, Duration.ofSeconds(1), Duration.ZERO), this.redis.connect(),
				breaker);
		for (int i = 0; i < 10; i++) {
			limiter.acquire(null);
		}
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
		this.redis.stop();
		long slowest = 0;
		for (int i = 0; i < 40; i++) {
			long start = System.nanoTime();
			limiter.acquire(null);
			slowest = Math.max(slowest, System.nanoTime() - start);
			this.clock.advance(Duration.ofMillis(10));
		}
		assertThat(Duration.ofNanos(slowest)).isLessThan(TIMEOUT.plus(MARGIN));
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		assertThat(limiter.fallbacks()).isEqualTo(40);
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(50, 0, 0));
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(output.getOut()).containsOnlyOnce(SWITCHED_TO_LOCAL).doesNotContain(BACK_TO_REDIS);
	}

	@Test
	void redisRestartedDecidesAgainOnceTheBreakerLetsAProbeThroughAndTheBoundIsSharedAgain(CapturedOutput output) {
		RateLimiterConfig config = config(3, Duration.ofSeconds(1), Duration.ZERO);
		CircuitBreaker firstBreaker = breaker();
		CircuitBreaker secondBreaker = breaker();
		RedisRateLimiter first = limiter(config, this.redis.connect(), firstBreaker);
		RedisRateLimiter second = limiter(config, this.redis.connect(), secondBreaker);
		this.redis.stop();
		for (int i = 0; i < 3; i++) {
			assertThat(first.reserve(null)).isZero();
			assertThat(second.reserve(null)).isZero();
		}
		assertThat(first.available()).isZero();
		assertThat(second.available()).isZero();
		assertThat(first.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		assertThat(second.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		assertThat(firstBreaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(secondBreaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		this.redis.restart();
		this.clock.advance(Duration.ofSeconds(1));
		awaitRedis(first);
		awaitRedis(second);
		long fallbacks = first.fallbacks() + second.fallbacks();
		// the restarted Redis is empty: the first decisions send the script with EVAL
		assertThat(first.reserve(null)).isZero();
		assertThat(second.reserve(null)).isZero();
		assertThat(first.reserve(null)).isZero();
		assertThat(second.reserve(null)).isEqualTo(RateLimiter.REFUSED);
		assertThat(first.fallbacks() + second.fallbacks()).isEqualTo(fallbacks);
		assertThat(commandCalls("eval")).isPositive();
		assertThat(occurrences(output, SWITCHED_TO_LOCAL)).isEqualTo(2);
		assertThat(occurrences(output, BACK_TO_REDIS)).isEqualTo(2);
	}

	@Test
	void theLocalLimiterCountsTheStartsRedisPermittedSoThatASwitchPermitsNoMoreThanTheLimit() {
		RedisRateLimiter limiter = limiter(config(5, Duration.ofSeconds(1), Duration.ZERO), this.redis.connect(),
				breaker());
		int permitted = 0;
		for (int i = 0; i < 5; i++) {
			permitted += (limiter.reserve(null) == 0) ? 1 : 0;
		}
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
		this.redis.stop();
		for (int i = 0; i < 5; i++) {
			permitted += (limiter.reserve(null) == 0) ? 1 : 0;
		}
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		assertThat(permitted).as("starts permitted by Redis, then by the local limiter, in one period").isEqualTo(5);
	}

	@Test
	void scriptsLostByRedisAreSentAgain() {
		RedisRateLimiter limiter = limiter(config(2, Duration.ofSeconds(1), Duration.ZERO), this.redis.connect(),
				breaker());
		assertThat(limiter.reserve(null)).isZero();
		admin().execute((RedisCallback<Object>) (connection) -> {
			connection.scriptingCommands().scriptFlush();
			return null;
		});
		assertThat(limiter.reserve(null)).isZero();
		assertThat(limiter.available()).isZero();
		assertThat(limiter.reserve(null)).isEqualTo(RateLimiter.REFUSED);
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
		assertThat(limiter.fallbacks()).isZero();
		assertThat(admin().execute((RedisCallback<List<Boolean>>) (connection) -> connection.scriptingCommands()
			.scriptExists(RedisRollingWindow.RESERVE.sha1(), RedisRollingWindow.AVAILABLE.sha1())))
			.containsExactly(true, true);
	}

	@Test
	void slowRedisIsCutOffAtTheTimeout(CapturedOutput output) throws Exception {
		RedisRateLimiter limiter = limiter(config(10, Duration.ofSeconds(1), Duration.ZERO), this.redis.connect(),
				breaker());
		assertThat(limiter.reserve(null)).isZero();
		Thread sleeping = new Thread(() -> admin().execute(
				(RedisCallback<Object>) (connection) -> connection.execute("DEBUG", ascii("SLEEP"), ascii("0.5"))));
		sleeping.start();
		Thread.sleep(100);
		long start = System.nanoTime();
		assertThat(limiter.reserve(null)).isZero();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isBetween(TIMEOUT, TIMEOUT.plus(MARGIN));
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		assertThat(limiter.fallbacks()).isOne();
		assertThat(output.getOut()).contains(SWITCHED_TO_LOCAL + "TimeoutException)");
		sleeping.join();
		assertThat(limiter.reserve(null)).isZero();
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_REDIS);
	}

	@Test
	void redisDownAtStartUpIsNoFailure(CapturedOutput output) {
		this.redis.stop();
		long start = System.nanoTime();
		RedisRateLimiter limiter = limiter(config(2, Duration.ofSeconds(1), Duration.ZERO), this.redis.unconnected(),
				breaker());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(output.getOut()).contains("No connection to Redis at start-up");
		assertThat(limiter.reserve(null)).isZero();
		assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
		this.redis.restart();
		awaitRedis(limiter);
		assertThat(limiter.reserve(null)).isZero();
		assertThat(admin().opsForList().size(KEY)).isOne();
	}

	@Test
	void connectionThatNeverOpensDelaysNoDecisionBeyondTheTimeout() throws Exception {
		// the kernel completes the handshakes of a socket that never accepts them, so a client
		// connects and then waits for answers that never come, as behind a stuck proxy
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			// the command timeout also bounds the handshake, so an attempt to connect gives up after
			// a second, and the factory can close without waiting a minute for it
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", silent.getLocalPort()),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
			factory.afterPropertiesSet();
			factory.start();
			try {
				long start = System.nanoTime();
				RedisRateLimiter limiter = limiter(config(2, Duration.ofSeconds(1), Duration.ZERO), factory, breaker());
				assertThat(Duration.ofNanos(System.nanoTime() - start))
					.isLessThan(Duration.ofSeconds(RedisScripts.STARTUP_WAIT_SECONDS).plus(MARGIN));
				for (int i = 0; i < 3; i++) {
					start = System.nanoTime();
					assertThat(limiter.reserve(null)).isEqualTo((i < 2) ? 0 : RateLimiter.REFUSED);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
				}
				assertThat(limiter.store()).isEqualTo(RedisRateLimiter.STORE_LOCAL);
			}
			finally {
				factory.destroy();
			}
		}
	}

	@Test
	void keyHoldsAtMostLimitStartsAndExpiresAfterThePeriodAndTheWait() {
		RedisRateLimiter limiter = limiter(config(5, Duration.ofSeconds(1), Duration.ofSeconds(2)),
				this.redis.connect(), breaker());
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			long wait = limiter.reserve(null);
			waits.add((wait == RateLimiter.REFUSED) ? -1 : wait / 1_000_000_000);
		}
		assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 2L, -1L);
		assertThat(admin().opsForList().size(KEY)).isEqualTo(5);
		// the latest start, 2s from now, leaves the window a period later
		assertThat(admin().getExpire(KEY, TimeUnit.MILLISECONDS)).isBetween(2_000L, 3_000L);
		for (int i = 0; i < 1000; i++) {
			this.clock.advance(Duration.ofMillis(150));
			limiter.reserve(null);
		}
		assertThat(admin().keys(PREFIX + "*")).containsExactly(KEY);
		assertThat(admin().opsForList().size(KEY)).isEqualTo(5);
		assertThat(limiter.fallbacks()).isZero();
	}

	@Test
	void keyOfAShortPeriodIsGoneOnePeriodAfterItsLatestStart() {
		RedisRateLimiter limiter = limiter(config(2, Duration.ofMillis(100), Duration.ZERO), this.redis.connect(),
				breaker());
		assertThat(limiter.reserve(null)).isZero();
		assertThat(admin().hasKey(KEY)).isTrue();
		assertThat(admin().getExpire(KEY, TimeUnit.MILLISECONDS)).isBetween(1L, 100L);
		await().atMost(Duration.ofSeconds(2)).until(() -> !admin().hasKey(KEY));
		assertThat(limiter.available()).isEqualTo(2);
	}

	@Test
	void resetDeletesTheSharedWindowForEveryInstance() {
		RateLimiterConfig config = config(2, Duration.ofSeconds(1), Duration.ZERO);
		RedisRateLimiter first = limiter(config, this.redis.connect(), breaker());
		RedisRateLimiter second = limiter(config, this.redis.connect(), breaker());
		assertThat(first.reserve(null)).isZero();
		assertThat(second.reserve(null)).isZero();
		assertThat(second.reserve(null)).isEqualTo(RateLimiter.REFUSED);
		first.reset();
		assertThat(admin().hasKey(KEY)).isFalse();
		assertThat(first.metrics()).isEqualTo(new RateLimiter.Metrics(0, 0, 0));
		assertThat(second.metrics()).as("the other instance's counts are its own")
			.isEqualTo(new RateLimiter.Metrics(1, 0, 1));
		assertThat(second.available()).isEqualTo(2);
		assertThat(second.reserve(null)).isZero();
	}

	@Test
	void resetWhileRedisIsDownResetsLocallyAndSaysTheSharedWindowStays(CapturedOutput output) {
		RedisRateLimiter limiter = limiter(config(1, Duration.ofSeconds(1), Duration.ZERO), this.redis.connect(),
				breaker());
		assertThat(limiter.reserve(null)).isZero();
		this.redis.stop();
		long start = System.nanoTime();
		limiter.reset();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(0, 0, 0));
		assertThat(output).contains("Rate limiter 'geocoder' was reset here, but Redis did not delete its shared state"
				+ " under '" + KEY + "'");
		assertThat(limiter.reserve(null)).as("the local limiter, emptied, decides").isZero();
	}

	private void awaitRedis(RedisRateLimiter limiter) {
		// the breaker lets a probe through once its wait is over; Lettuce reconnects by itself
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
			this.breakerClock.advance(WAIT_IN_OPEN);
			limiter.available();
			return RedisRateLimiter.STORE_REDIS.equals(limiter.store());
		});
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.getOut().split(Pattern.quote(text), -1).length - 1;
	}

	private long commandCalls(String command) {
		Properties stats = admin().execute((RedisCallback<Properties>) (connection) -> connection.serverCommands()
			.info("commandstats"));
		String line = stats.getProperty("cmdstat_" + command);
		return (line != null) ? Long.parseLong(line.replaceAll("^calls=(\\d+),.*", "$1")) : 0;
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
				this.breakerClock, NO_LISTENER);
	}

	private RedisRateLimiter limiter(RateLimiterConfig config, LettuceConnectionFactory factory,
			CircuitBreaker breaker) {
		return new RedisRateLimiter("geocoder", config, scripts(factory, TIMEOUT), PREFIX, breaker, this.clock,
				this.clock, NO_LISTENER);
	}

	private RedisScripts scripts(LettuceConnectionFactory factory, Duration timeout) {
		RedisScripts scripts = new RedisScripts(factory, timeout);
		this.scripts.add(scripts);
		return scripts;
	}

	private static RateLimiterConfig config(int limit, Duration period, Duration maxWait) {
		return RateLimiterConfig.builder().limit(limit).period(period).maxWait(maxWait).build();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static <T> List<T> runTogether(int threads, ThreadTask<T> task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int thread = i;
				Callable<T> call = () -> {
					start.await();
					return task.run(thread);
				};
				futures.add(executor.submit(call));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface ThreadTask<T> {

		T run(int thread) throws Exception;

	}

	/**
	 * The system's clock, remembering each thread's last wall-clock reading in microseconds.
	 */
	private static final class RecordingClock implements Clock, Sleeper {

		private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[1]);

		@Override
		public long nanoTime() {
			return System.nanoTime();
		}

		@Override
		public long currentTimeMillis() {
			return System.currentTimeMillis();
		}

		@Override
		public long currentTimeMicros() {
			long now = Clock.system().currentTimeMicros();
			this.last.get()[0] = now;
			return now;
		}

		@Override
		public void sleep(long nanos) {
			throw new AssertionError("reserve never waits");
		}

		long lastMicros() {
			return this.last.get()[0];
		}

	}

}
