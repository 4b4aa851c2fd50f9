package dev.resilience.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.Clock;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.SharedStore;
import dev.resilience.core.Sleeper;
import dev.resilience.redis.RedisRateLimiter;
import dev.resilience.redis.RedisScripts;

/**
 * One rate-limit decision ({@link RateLimiter#reserve reserve(null)}) kept in Redis against the
 * same decision kept locally, on one thread, as the distribution of the time per call
 * ({@link Mode#SampleTime}: p50, p99 and so on). Redis is a real server, the binary that
 * embedded-redis ships, on a free port of 127.0.0.1 without persistence, reached through a
 * started {@link LettuceConnectionFactory} with its shared connection open and
 * {@link RedisScripts} with the default timeout (50 ms); each Redis decision is one
 * {@code EVALSHA} round trip on loopback.
 *
 * <p>Both limiters have the same settings, 10,000 calls per 100 µs without waiting (those of
 * the declared limits in {@link CallBenchmark}), so that neither ever refuses at this call rate:
 * the local one would need 10,000 calls in 100 µs, the Redis one a round trip every 10 ns. After
 * the run, {@link Limiters#tearDown} checks that no call was refused or made to wait, and that
 * every Redis decision was made by Redis (still deciding there, no decision made locally
 * instead), and fails the benchmark otherwise.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class RedisDecisionBenchmark {

	static final RateLimiterConfig CONFIG = RateLimiterConfig.builder()
		.limit(RateLimiterConfig.Builder.MAX_LIMIT)
		.period(Duration.ofNanos(100_000))
		.maxWait(Duration.ZERO)
		.build();

	private static final ResilienceListener NO_LISTENER = new ResilienceListener() {
	};

	@State(Scope.Benchmark)
	public static class Limiters {

		RedisServer server;

		ClientResources resources;

		LettuceConnectionFactory connectionFactory;

		RedisScripts scripts;

		RateLimiter local;

		RedisRateLimiter redis;

		@Setup(Level.Trial)
		public void setUp() throws IOException {
			int port = freePort();
			this.server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.server.start();
			this.resources = DefaultClientResources.create();
			this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
					LettuceClientConfiguration.builder().clientResources(this.resources).build());
			this.connectionFactory.setEagerInitialization(true);
			this.connectionFactory.afterPropertiesSet();
			this.connectionFactory.start();
			this.scripts = new RedisScripts(this.connectionFactory);
			if (!this.scripts.timeout().equals(Duration.ofMillis(50))) {
				throw new IllegalStateException("Redis decisions are bounded by " + this.scripts.timeout()
						+ " instead of the default 50ms");
			}
			this.local = RateLimiter.of("decision", CONFIG, Clock.system(), Sleeper.system(), NO_LISTENER);
			CircuitBreaker probe = CircuitBreaker.of(SharedStore.PROBE_NAME, CircuitBreakerConfig.defaults(),
					Clock.system(), NO_LISTENER);
			this.redis = new RedisRateLimiter("decision", CONFIG, this.scripts, "resilience:benchmarks:", probe,
					Clock.system(), Sleeper.system(), NO_LISTENER);
			// one decision before measuring: Redis answers, through the script loaded at start-up
			if (this.redis.reserve(null) != 0 || this.redis.fallbacks() != 0
					|| !RedisRateLimiter.STORE_REDIS.equals(this.redis.store())) {
				throw new IllegalStateException("Redis made no decision before the run: store "
						+ this.redis.store() + ", " + this.redis.fallbacks() + " decisions made locally");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() throws IOException {
			try {
				check();
			}
			finally {
				close();
			}
		}

		private void check() {
			neverRefused("local", this.local);
			neverRefused("redis", this.redis);
			if (!RedisRateLimiter.STORE_REDIS.equals(this.redis.store()) || this.redis.fallbacks() != 0) {
				throw new IllegalStateException("Redis did not make every decision: store " + this.redis.store()
						+ ", " + this.redis.fallbacks() + " decisions made locally");
			}
		}

		private static void neverRefused(String which, RateLimiter limiter) {
			RateLimiter.Metrics metrics = limiter.metrics();
			if (metrics.rejectedCalls() != 0 || metrics.waitedCalls() != 0) {
				throw new IllegalStateException("The " + which + " rate limiter refused " + metrics.rejectedCalls()
						+ " and delayed " + metrics.waitedCalls() + " of " + (metrics.permittedCalls()
						+ metrics.rejectedCalls()) + " calls: not only the happy path was measured");
			}
		}

		private void close() throws IOException {
			try {
				if (this.scripts != null) {
					this.scripts.close();
				}
				if (this.connectionFactory != null) {
					this.connectionFactory.destroy();
				}
				if (this.resources != null) {
					this.resources.shutdown(0, 1, TimeUnit.SECONDS);
				}
			}
			finally {
				if (this.server != null) {
					this.server.stop();
				}
			}
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	@Benchmark
	public long localDecision(Limiters limiters) {
		return limiters.local.reserve(null);
	}

	@Benchmark
	public long redisDecision(Limiters limiters) {
		return limiters.redis.reserve(null);
	}

}
