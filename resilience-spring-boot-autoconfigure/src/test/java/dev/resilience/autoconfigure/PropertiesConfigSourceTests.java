package dev.resilience.autoconfigure;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;
import dev.resilience.core.RetryAfterExtractor;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.Store;
import dev.resilience.core.TimeLimiterConfig;
import dev.resilience.http.HttpRetryAfterExtractor;
import dev.resilience.http.SpringTransientFailures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the precedence of {@link PropertiesConfigSource}: {@code instances.<name>} over
 * settings from code over {@code defaults} over built-in defaults.
 */
class PropertiesConfigSourceTests {

	@Test
	void retryWhenNothingIsSetShouldUseBuiltInDefaults() {
		RetryConfig config = source(Map.of()).retry("inventory", (builder) -> {
		});
		assertThat(config.maxAttempts()).isEqualTo(RetryConfig.Builder.DEFAULT_MAX_ATTEMPTS);
		assertThat(config.delay()).isEqualTo(RetryConfig.Builder.DEFAULT_DELAY);
		assertThat(config.multiplier()).isEqualTo(RetryConfig.Builder.DEFAULT_MULTIPLIER);
		assertThat(config.maxDelay()).isEqualTo(RetryConfig.Builder.DEFAULT_MAX_DELAY);
		assertThat(config.jitter()).isEqualTo(RetryConfig.Builder.DEFAULT_JITTER);
		assertThat(config.maxDuration()).isNull();
		assertThat(config.retryOn().isEmpty()).isTrue();
		assertThat(config.abortOn().isEmpty()).isTrue();
	}

	@Test
	void retryDefaultsShouldBeatBuiltInDefaults() {
		RetryConfig config = source(Map.of("resilience.retry.defaults.max-attempts", "4",
				"resilience.retry.defaults.delay", "100ms", "resilience.retry.defaults.multiplier", "1.5",
				"resilience.retry.defaults.max-delay", "2s", "resilience.retry.defaults.jitter", "0",
				"resilience.retry.defaults.max-duration", "30s", "resilience.retry.defaults.retry-on",
				"java.io.IOException", "resilience.retry.defaults.abort-on", "java.io.FileNotFoundException"))
			.retry("inventory", (builder) -> {
			});
		assertThat(config.maxAttempts()).isEqualTo(4);
		assertThat(config.delay()).isEqualTo(Duration.ofMillis(100));
		assertThat(config.multiplier()).isEqualTo(1.5);
		assertThat(config.maxDelay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.jitter()).isZero();
		assertThat(config.maxDuration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.retryOn().types()).containsExactly(IOException.class);
		assertThat(config.abortOn().types()).containsExactly(FileNotFoundException.class);
	}

	@Test
	void retryCodeShouldBeatDefaults() {
		RetryConfig config = source(Map.of("resilience.retry.defaults.max-attempts", "4",
				"resilience.retry.defaults.delay", "100ms"))
			.retry("inventory", (builder) -> builder.maxAttempts(6));
		assertThat(config.maxAttempts()).isEqualTo(6);
		assertThat(config.delay()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void retryInstanceShouldBeatCode() {
		PropertiesConfigSource source = source(Map.of("resilience.retry.defaults.max-attempts", "4",
				"resilience.retry.defaults.jitter", "0.2", "resilience.retry.instances.inventory.max-attempts", "5",
				"resilience.retry.instances.inventory.max-duration", "8s",
				"resilience.retry.instances.inventory.retry-on", "java.io.UncheckedIOException",
				"resilience.retry.instances.inventory.abort-on", ""));
		RetryConfig config = source.retry("inventory", (builder) -> builder.maxAttempts(6)
			.delay(Duration.ofSeconds(1))
			.abortOn(List.of(IllegalStateException.class)));
		assertThat(config.maxAttempts()).isEqualTo(5);
		assertThat(config.maxDuration()).isEqualTo(Duration.ofSeconds(8));
		assertThat(config.retryOn().types()).containsExactly(UncheckedIOException.class);
		assertThat(config.abortOn().isEmpty()).isTrue();
		assertThat(config.delay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.jitter()).isEqualTo(0.2);
	}

	@Test
	void retryBudgetStoreShouldBeLocalUnlessAnInstanceOrTheDefaultsSayRedis() {
		PropertiesConfigSource source = source(Map.of("resilience.retry.instances.inventory.budget.store", "redis"));
		assertThat(source.retry("inventory", (builder) -> {
		}).budget().store()).isEqualTo(Store.REDIS);
		assertThat(source.retry("orders", (builder) -> {
		}).budget().store()).isEqualTo(Store.LOCAL);
		assertThat(source(Map.of("resilience.retry.defaults.budget.store", "redis")).retry("orders", (builder) -> {
		}).budget().store()).isEqualTo(Store.REDIS);
	}

	@Test
	void retryInstanceShouldApplyOnlyToItsName() {
		RetryConfig config = source(Map.of("resilience.retry.instances.inventory.max-attempts", "5"))
			.retry("orders", (builder) -> builder.maxAttempts(2));
		assertThat(config.maxAttempts()).isEqualTo(2);
	}

	@Test
	void retryInstanceWithDottedNameShouldApply() {
		RetryConfig config = source(Map.of("resilience.retry.instances.[api.example.com].max-attempts", "5"))
			.retry("api.example.com", (builder) -> {
			});
		assertThat(config.maxAttempts()).isEqualTo(5);
	}

	@Test
	void retryShouldUseGivenClassificationAndRetryAfterExtractor() {
		Predicate<Throwable> transientFailures = IllegalStateException.class::isInstance;
		RetryAfterExtractor retryAfter = (failure, now) -> 42;
		PropertiesConfigSource source = new PropertiesConfigSource(properties(Map.of()), transientFailures,
				retryAfter);
		RetryConfig config = source.retry("inventory", (builder) -> {
		});
		assertThat(config.transientFailures()).isSameAs(transientFailures);
		assertThat(config.retryAfter()).isSameAs(retryAfter);
		assertThat(source.circuitBreaker("inventory", (builder) -> {
		}).transientFailures()).isSameAs(transientFailures);
	}

	@Test
	void defaultSourceShouldUseSpringClassificationAndHttpRetryAfter() {
		PropertiesConfigSource source = source(Map.of());
		RetryConfig retry = source.retry("inventory", (builder) -> {
		});
		assertThat(retry.transientFailures()).isSameAs(SpringTransientFailures.defaults());
		assertThat(retry.retryAfter()).isInstanceOf(HttpRetryAfterExtractor.class);
		assertThat(source.circuitBreaker("inventory", (builder) -> {
		}).transientFailures()).isSameAs(SpringTransientFailures.defaults());
	}

	@Test
	void circuitBreakerWhenNothingIsSetShouldUseBuiltInDefaults() {
		CircuitBreakerConfig config = source(Map.of()).circuitBreaker("inventory", (builder) -> {
		});
		assertThat(config.failureRateThreshold()).isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_FAILURE_RATE_THRESHOLD);
		assertThat(config.slowCallRateThreshold())
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_RATE_THRESHOLD);
		assertThat(config.slowCallDuration()).isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_DURATION);
		assertThat(config.slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
		assertThat(config.slidingWindowSize()).isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_SLIDING_WINDOW_SIZE);
		assertThat(config.minimumCalls()).isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_MINIMUM_CALLS);
		assertThat(config.waitInOpen()).isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_WAIT_IN_OPEN);
		assertThat(config.halfOpenCalls()).isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_HALF_OPEN_CALLS);
		assertThat(config.recordOn().isEmpty()).isTrue();
		assertThat(config.ignore().isEmpty()).isTrue();
	}

	@Test
	void circuitBreakerDefaultsShouldBeatBuiltInDefaults() {
		CircuitBreakerConfig config = source(Map.ofEntries(
				Map.entry("resilience.circuit-breaker.defaults.failure-rate-threshold", "25"),
				Map.entry("resilience.circuit-breaker.defaults.slow-call-rate-threshold", "80"),
				Map.entry("resilience.circuit-breaker.defaults.slow-call-duration", "2s"),
				Map.entry("resilience.circuit-breaker.defaults.sliding-window-type", "time-based"),
				Map.entry("resilience.circuit-breaker.defaults.sliding-window-size", "60"),
				Map.entry("resilience.circuit-breaker.defaults.minimum-calls", "5"),
				Map.entry("resilience.circuit-breaker.defaults.wait-in-open", "1m"),
				Map.entry("resilience.circuit-breaker.defaults.half-open-calls", "1"),
				Map.entry("resilience.circuit-breaker.defaults.record-on", "java.io.IOException"),
				Map.entry("resilience.circuit-breaker.defaults.ignore", "java.io.FileNotFoundException")))
			.circuitBreaker("inventory", (builder) -> {
			});
		assertThat(config.failureRateThreshold()).isEqualTo(25);
		assertThat(config.slowCallRateThreshold()).isEqualTo(80);
		assertThat(config.slowCallDuration()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.slidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
		assertThat(config.slidingWindowSize()).isEqualTo(60);
		assertThat(config.minimumCalls()).isEqualTo(5);
		assertThat(config.waitInOpen()).isEqualTo(Duration.ofMinutes(1));
		assertThat(config.halfOpenCalls()).isEqualTo(1);
		assertThat(config.recordOn().types()).containsExactly(IOException.class);
		assertThat(config.ignore().types()).containsExactly(FileNotFoundException.class);
	}

	@Test
	void circuitBreakerCodeShouldBeatDefaults() {
		CircuitBreakerConfig config = source(Map.of("resilience.circuit-breaker.defaults.sliding-window-size", "60",
				"resilience.circuit-breaker.defaults.minimum-calls", "5"))
			.circuitBreaker("inventory", (builder) -> builder.slidingWindowSize(30));
		assertThat(config.slidingWindowSize()).isEqualTo(30);
		assertThat(config.minimumCalls()).isEqualTo(5);
	}

	@Test
	void circuitBreakerInstanceShouldBeatCode() {
		CircuitBreakerConfig config = source(Map.of("resilience.circuit-breaker.defaults.minimum-calls", "5",
				"resilience.circuit-breaker.instances.inventory.sliding-window-size", "20",
				"resilience.circuit-breaker.instances.inventory.wait-in-open", "10s",
				"resilience.circuit-breaker.instances.inventory.sliding-window-type", "time-based",
				"resilience.circuit-breaker.instances.inventory.ignore", "java.lang.IllegalStateException"))
			.circuitBreaker("inventory", (builder) -> builder.slidingWindowSize(30)
				.waitInOpen(Duration.ofSeconds(5))
				.halfOpenCalls(7));
		assertThat(config.slidingWindowSize()).isEqualTo(20);
		assertThat(config.waitInOpen()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.slidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
		assertThat(config.ignore().types()).containsExactly(IllegalStateException.class);
		assertThat(config.halfOpenCalls()).isEqualTo(7);
		assertThat(config.minimumCalls()).isEqualTo(5);
	}

	@Test
	void timeLimiterWhenNothingIsSetShouldUseBuiltInDefaults() {
		TimeLimiterConfig config = source(Map.of()).timeLimiter("inventory", (builder) -> {
		});
		assertThat(config.timeout()).isEqualTo(TimeLimiterConfig.Builder.DEFAULT_TIMEOUT);
		assertThat(config.cancelRunning()).isTrue();
	}

	@Test
	void timeLimiterDefaultsShouldBeatBuiltInDefaults() {
		TimeLimiterConfig config = source(Map.of("resilience.time-limiter.defaults.timeout", "3s",
				"resilience.time-limiter.defaults.cancel-running", "false"))
			.timeLimiter("inventory", (builder) -> {
			});
		assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(config.cancelRunning()).isFalse();
	}

	@Test
	void timeLimiterCodeShouldBeatDefaults() {
		TimeLimiterConfig config = source(Map.of("resilience.time-limiter.defaults.timeout", "3s",
				"resilience.time-limiter.defaults.cancel-running", "false"))
			.timeLimiter("inventory", (builder) -> builder.timeout(Duration.ofSeconds(1)));
		assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.cancelRunning()).isFalse();
	}

	@Test
	void timeLimiterInstanceShouldBeatCode() {
		TimeLimiterConfig config = source(Map.of("resilience.time-limiter.defaults.cancel-running", "false",
				"resilience.time-limiter.instances.inventory.timeout", "2s",
				"resilience.time-limiter.instances.inventory.cancel-running", "true"))
			.timeLimiter("inventory", (builder) -> builder.timeout(Duration.ofSeconds(1)).cancelRunning(false));
		assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.cancelRunning()).isTrue();
	}

	@Test
	void healthFailsWhenOpenShouldPreferInstanceOverDefaults() {
		PropertiesConfigSource source = source(Map.of("resilience.circuit-breaker.defaults.health-fails-when-open",
				"true", "resilience.circuit-breaker.instances.inventory.health-fails-when-open", "false",
				"resilience.circuit-breaker.instances.orders.minimum-calls", "3"));
		assertThat(source.healthFailsWhenOpen("inventory")).isFalse();
		assertThat(source.healthFailsWhenOpen("orders")).isTrue();
		assertThat(source.healthFailsWhenOpen("payments")).isTrue();
		assertThat(source(Map.of()).healthFailsWhenOpen("payments")).isFalse();
	}

	@Test
	void instanceNamesShouldListConfiguredInstancesPerKind() {
		PropertiesConfigSource source = source(Map.of("resilience.retry.instances.inventory.max-attempts", "5",
				"resilience.retry.instances.[api.example.com].max-attempts", "2",
				"resilience.circuit-breaker.instances.orders.minimum-calls", "3",
				"resilience.time-limiter.instances.payments.timeout", "1s"));
		assertThat(source.retryInstanceNames()).containsExactlyInAnyOrder("inventory", "api.example.com");
		assertThat(source.circuitBreakerInstanceNames()).containsExactly("orders");
		assertThat(source.timeLimiterInstanceNames()).containsExactly("payments");
		assertThat(source(Map.of()).retryInstanceNames()).isEmpty();
	}

	static PropertiesConfigSource source(Map<String, String> properties) {
		return new PropertiesConfigSource(properties(properties));
	}

	static ResilienceProperties properties(Map<String, String> properties) {
		ResilienceProperties bound = new ResilienceProperties();
		new Binder(new MapConfigurationPropertySource(properties)).bind("resilience", Bindable.ofInstance(bound));
		return bound;
	}

}
