package dev.resilience.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiterConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding {@link ResilienceProperties}.
 */
class ResiliencePropertiesBindingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindWhenNothingIsSetShouldUseBuiltInDefaults() {
		ResilienceProperties properties = bind(Map.of());
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getRetry().getDefaults().getMaxAttempts())
			.isEqualTo(RetryConfig.Builder.DEFAULT_MAX_ATTEMPTS);
		assertThat(properties.getRetry().getDefaults().getDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.getRetry().getDefaults().getMaxDuration()).isNull();
		assertThat(properties.getRetry().getDefaults().getRetryOn()).isEmpty();
		assertThat(properties.getCircuitBreaker().getDefaults().getSlidingWindowType())
			.isEqualTo(SlidingWindowType.COUNT_BASED);
		assertThat(properties.getCircuitBreaker().getDefaults().getWaitInOpen())
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_WAIT_IN_OPEN);
		assertThat(properties.getCircuitBreaker().getDefaults().getHealthFailsWhenOpen()).isFalse();
		assertThat(properties.getTimeLimiter().getDefaults().getTimeout())
			.isEqualTo(TimeLimiterConfig.Builder.DEFAULT_TIMEOUT);
		assertThat(properties.getTimeLimiter().getDefaults().getCancelRunning()).isTrue();
		assertThat(properties.getRetry().getInstances()).isEmpty();
	}

	@Test
	void bindRetryDefaultsShouldReadKebabKeysAndDurations() {
		ResilienceProperties properties = bind(Map.of("resilience.enabled", "false",
				"resilience.retry.defaults.max-attempts", "5", "resilience.retry.defaults.delay", "250ms",
				"resilience.retry.defaults.multiplier", "1.5", "resilience.retry.defaults.max-delay", "PT1M",
				"resilience.retry.defaults.jitter", "0.1", "resilience.retry.defaults.max-duration", "8s",
				"resilience.retry.defaults.retry-on", "java.io.IOException,java.util.concurrent.TimeoutException",
				"resilience.retry.defaults.abort-on[0]", "java.io.UncheckedIOException"));
		RetrySettings defaults = properties.getRetry().getDefaults();
		assertThat(properties.isEnabled()).isFalse();
		assertThat(defaults.getMaxAttempts()).isEqualTo(5);
		assertThat(defaults.getDelay()).isEqualTo(Duration.ofMillis(250));
		assertThat(defaults.getMultiplier()).isEqualTo(1.5);
		assertThat(defaults.getMaxDelay()).isEqualTo(Duration.ofMinutes(1));
		assertThat(defaults.getJitter()).isEqualTo(0.1);
		assertThat(defaults.getMaxDuration()).isEqualTo(Duration.ofSeconds(8));
		assertThat(defaults.getRetryOn()).containsExactly(IOException.class, TimeoutException.class);
		assertThat(defaults.getAbortOn()).containsExactly(UncheckedIOException.class);
	}

	@Test
	void bindRetryInstanceShouldLeaveUnsetValuesNull() {
		ResilienceProperties properties = bind(Map.of("resilience.retry.instances.inventory.max-attempts", "5",
				"resilience.retry.instances.inventory.max-duration", "8s",
				"resilience.retry.instances.inventory.retry-on[0]", "java.io.IOException",
				"resilience.retry.instances.inventory.abort-on", ""));
		RetrySettings inventory = properties.getRetry().getInstances().get("inventory");
		assertThat(inventory).isNotNull();
		assertThat(inventory.getMaxAttempts()).isEqualTo(5);
		assertThat(inventory.getMaxDuration()).isEqualTo(Duration.ofSeconds(8));
		assertThat(inventory.getRetryOn()).containsExactly(IOException.class);
		assertThat(inventory.getAbortOn()).isEmpty();
		assertThat(inventory.getDelay()).isNull();
		assertThat(inventory.getMultiplier()).isNull();
		assertThat(inventory.getMaxDelay()).isNull();
		assertThat(inventory.getJitter()).isNull();
	}

	@Test
	void bindInstanceWithBracketedNameShouldKeepDotsAndCase() {
		ResilienceProperties properties = bind(Map.of("resilience.retry.instances.[api.example.com].max-attempts", "5",
				"resilience.circuit-breaker.instances.[InventoryService.check].minimum-calls", "4",
				"resilience.time-limiter.instances.[localhost:8081].timeout", "2s"));
		assertThat(properties.getRetry().getInstances()).containsOnlyKeys("api.example.com");
		assertThat(properties.getRetry().getInstances().get("api.example.com").getMaxAttempts()).isEqualTo(5);
		assertThat(properties.getCircuitBreaker().getInstances()).containsOnlyKeys("InventoryService.check");
		assertThat(properties.getTimeLimiter().getInstances()).containsOnlyKeys("localhost:8081");
		assertThat(properties.getTimeLimiter().getInstances().get("localhost:8081").getTimeout())
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void bindCircuitBreakerShouldReadAllKeys() {
		ResilienceProperties properties = bind(Map.ofEntries(
				Map.entry("resilience.circuit-breaker.defaults.failure-rate-threshold", "25"),
				Map.entry("resilience.circuit-breaker.defaults.slow-call-rate-threshold", "80.5"),
				Map.entry("resilience.circuit-breaker.defaults.slow-call-duration", "2s"),
				Map.entry("resilience.circuit-breaker.defaults.sliding-window-type", "time-based"),
				Map.entry("resilience.circuit-breaker.defaults.sliding-window-size", "60"),
				Map.entry("resilience.circuit-breaker.defaults.minimum-calls", "5"),
				Map.entry("resilience.circuit-breaker.defaults.wait-in-open", "PT1M"),
				Map.entry("resilience.circuit-breaker.defaults.half-open-calls", "2"),
				Map.entry("resilience.circuit-breaker.defaults.record-on", "java.io.IOException"),
				Map.entry("resilience.circuit-breaker.defaults.ignore", "java.lang.IllegalArgumentException"),
				Map.entry("resilience.circuit-breaker.defaults.health-fails-when-open", "true"),
				Map.entry("resilience.circuit-breaker.instances.inventory.sliding-window-size", "20"),
				Map.entry("resilience.circuit-breaker.instances.inventory.sliding-window-type", "count-based"),
				Map.entry("resilience.circuit-breaker.instances.inventory.wait-in-open", "10s"),
				Map.entry("resilience.circuit-breaker.instances.inventory.health-fails-when-open", "false")));
		CircuitBreakerSettings defaults = properties.getCircuitBreaker().getDefaults();
		assertThat(defaults.getFailureRateThreshold()).isEqualTo(25);
		assertThat(defaults.getSlowCallRateThreshold()).isEqualTo(80.5);
		assertThat(defaults.getSlowCallDuration()).isEqualTo(Duration.ofSeconds(2));
		assertThat(defaults.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
		assertThat(defaults.getSlidingWindowSize()).isEqualTo(60);
		assertThat(defaults.getMinimumCalls()).isEqualTo(5);
		assertThat(defaults.getWaitInOpen()).isEqualTo(Duration.ofMinutes(1));
		assertThat(defaults.getHalfOpenCalls()).isEqualTo(2);
		assertThat(defaults.getRecordOn()).containsExactly(IOException.class);
		assertThat(defaults.getIgnore()).containsExactly(IllegalArgumentException.class);
		assertThat(defaults.getHealthFailsWhenOpen()).isTrue();
		CircuitBreakerSettings inventory = properties.getCircuitBreaker().getInstances().get("inventory");
		assertThat(inventory.getSlidingWindowSize()).isEqualTo(20);
		assertThat(inventory.getSlidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
		assertThat(inventory.getWaitInOpen()).isEqualTo(Duration.ofSeconds(10));
		assertThat(inventory.getHealthFailsWhenOpen()).isFalse();
		assertThat(inventory.getFailureRateThreshold()).isNull();
		assertThat(inventory.getRecordOn()).isNull();
	}

	@Test
	void bindTimeLimiterShouldReadAllKeys() {
		ResilienceProperties properties = bind(Map.of("resilience.time-limiter.defaults.timeout", "500ms",
				"resilience.time-limiter.defaults.cancel-running", "false",
				"resilience.time-limiter.instances.inventory.timeout", "2s"));
		assertThat(properties.getTimeLimiter().getDefaults().getTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.getTimeLimiter().getDefaults().getCancelRunning()).isFalse();
		assertThat(properties.getTimeLimiter().getInstances().get("inventory").getTimeout())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getTimeLimiter().getInstances().get("inventory").getCancelRunning()).isNull();
	}

	@Test
	void runWhenPropertiesAreSetShouldBindThem() {
		this.contextRunner
			.withPropertyValues("resilience.retry.instances.inventory.delay=500ms",
					"resilience.circuit-breaker.defaults.sliding-window-type=time-based",
					"resilience.circuit-breaker.instances.[api.example.com].ignore[0]=java.lang.IllegalStateException")
			.run((context) -> {
				ResilienceProperties properties = context.getBean(ResilienceProperties.class);
				assertThat(properties.getRetry().getInstances().get("inventory").getDelay())
					.isEqualTo(Duration.ofMillis(500));
				assertThat(properties.getCircuitBreaker().getDefaults().getSlidingWindowType())
					.isEqualTo(SlidingWindowType.TIME_BASED);
				assertThat(properties.getCircuitBreaker().getInstances().get("api.example.com").getIgnore())
					.containsExactly(IllegalStateException.class);
			});
	}

	@Test
	void runWhenClassIsUnknownShouldFailNamingTheKey() {
		this.contextRunner.withPropertyValues("resilience.retry.instances.inventory.retry-on[0]=com.example.Missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertBindFailureNames(failure,
						"resilience.retry.instances.inventory.retry-on")));
	}

	@Test
	void runWhenDurationIsUnparsableShouldFailNamingTheKey() {
		this.contextRunner.withPropertyValues("resilience.circuit-breaker.defaults.wait-in-open=ten seconds")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertBindFailureNames(failure,
						"resilience.circuit-breaker.defaults.wait-in-open")));
	}

	@Test
	void runWhenSlidingWindowTypeIsUnknownShouldFailNamingTheKey() {
		this.contextRunner.withPropertyValues("resilience.circuit-breaker.defaults.sliding-window-type=random")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertBindFailureNames(failure,
						"resilience.circuit-breaker.defaults.sliding-window-type")));
	}

	private static void assertBindFailureNames(Throwable failure, String key) {
		assertThat(failure).hasCauseInstanceOf(BindException.class);
		BindException bindFailure = (BindException) failure.getCause();
		assertThat(bindFailure.getName().toString()).startsWith(key);
		assertThat(bindFailure).hasMessageContaining(key);
	}

	private static ResilienceProperties bind(Map<String, String> properties) {
		ResilienceProperties bound = new ResilienceProperties();
		new Binder(new MapConfigurationPropertySource(properties)).bind("resilience", Bindable.ofInstance(bound));
		return bound;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ResilienceProperties.class)
	static class PropertiesConfiguration {

	}

}
