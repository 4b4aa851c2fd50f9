package dev.resilience.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.HedgeConfig;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiterConfig;
import dev.resilience.http.HostGuards;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * Tests for the configuration metadata generated from {@link ResilienceProperties} and merged
 * with {@code additional-spring-configuration-metadata.json}.
 */
class ResiliencePropertiesMetadataTests {

	private static final List<String> KEYS = List.of("resilience.enabled", "resilience.retry.defaults.max-attempts",
			"resilience.retry.defaults.delay", "resilience.retry.defaults.multiplier",
			"resilience.retry.defaults.max-delay", "resilience.retry.defaults.jitter",
			"resilience.retry.defaults.max-duration", "resilience.retry.defaults.retry-on",
			"resilience.retry.defaults.abort-on", "resilience.retry.defaults.budget.enabled",
			"resilience.retry.defaults.budget.ratio", "resilience.retry.defaults.budget.min-per-second",
			"resilience.retry.defaults.budget.window", "resilience.retry.defaults.budget.store",
			"resilience.retry.instances",
			"resilience.circuit-breaker.defaults.failure-rate-threshold",
			"resilience.circuit-breaker.defaults.slow-call-rate-threshold",
			"resilience.circuit-breaker.defaults.slow-call-duration",
			"resilience.circuit-breaker.defaults.sliding-window-type",
			"resilience.circuit-breaker.defaults.sliding-window-size",
			"resilience.circuit-breaker.defaults.minimum-calls", "resilience.circuit-breaker.defaults.wait-in-open",
			"resilience.circuit-breaker.defaults.half-open-calls", "resilience.circuit-breaker.defaults.record-on",
			"resilience.circuit-breaker.defaults.ignore", "resilience.circuit-breaker.defaults.health-fails-when-open",
			"resilience.circuit-breaker.instances", "resilience.time-limiter.defaults.timeout",
			"resilience.time-limiter.defaults.cancel-running", "resilience.time-limiter.instances",
			"resilience.concurrency-limit.defaults.limit", "resilience.concurrency-limit.defaults.max-wait",
			"resilience.concurrency-limit.defaults.adaptive", "resilience.concurrency-limit.defaults.min-limit",
			"resilience.concurrency-limit.defaults.max-limit", "resilience.concurrency-limit.instances",
			"resilience.rate-limiter.defaults.limit", "resilience.rate-limiter.defaults.period",
			"resilience.rate-limiter.defaults.max-wait", "resilience.rate-limiter.defaults.store",
			"resilience.rate-limiter.instances", "resilience.hedge.defaults.max-attempts",
			"resilience.hedge.defaults.delay", "resilience.hedge.defaults.min-delay",
			"resilience.hedge.defaults.budget.enabled", "resilience.hedge.defaults.budget.ratio",
			"resilience.hedge.defaults.budget.min-per-second", "resilience.hedge.defaults.budget.window",
			"resilience.hedge.instances",
			"resilience.load-shedding.enabled", "resilience.load-shedding.exclude",
			"resilience.load-shedding.retry-after", "resilience.redis.key-prefix", "resilience.redis.timeout",
			"resilience.deadline.enabled", "resilience.deadline.header", "resilience.deadline.header-format", "resilience.deadline.inbound",
			"resilience.deadline.inbound-default", "resilience.deadline.outbound", "resilience.http.enabled",
			"resilience.http.methods", "resilience.http.statuses", "resilience.http.idempotency-key-header",
			"resilience.http.max-hosts", "resilience.faults.enabled", "resilience.faults.instances", "resilience.observations.enabled");

	private static DocumentContext metadata;

	@BeforeAll
	static void readMetadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonPath.parse(in);
		}
	}

	@Test
	void metadataShouldDescribeEveryKey() {
		List<String> names = metadata.read("$.properties[*].name");
		assertThat(names).filteredOn((name) -> name.startsWith("resilience."))
			.containsExactlyInAnyOrderElementsOf(KEYS);
		for (String key : KEYS) {
			assertThat(property(key).get("description")).as(key).asString().isNotBlank();
		}
	}

	@Test
	void metadataDefaultsShouldMatchBuiltInDefaults() {
		assertThat(property("resilience.enabled").get("defaultValue")).isEqualTo(true);
		assertThat(property("resilience.faults.enabled").get("defaultValue")).isEqualTo(false);
		assertThat(property("resilience.retry.defaults.max-attempts").get("defaultValue"))
			.isEqualTo(RetryConfig.Builder.DEFAULT_MAX_ATTEMPTS);
		assertThat(durationDefault("resilience.retry.defaults.delay")).isEqualTo(RetryConfig.Builder.DEFAULT_DELAY);
		assertThat(number("resilience.retry.defaults.multiplier")).isEqualTo(RetryConfig.Builder.DEFAULT_MULTIPLIER);
		assertThat(durationDefault("resilience.retry.defaults.max-delay"))
			.isEqualTo(RetryConfig.Builder.DEFAULT_MAX_DELAY);
		assertThat(number("resilience.retry.defaults.jitter")).isEqualTo(RetryConfig.Builder.DEFAULT_JITTER);
		assertThat(property("resilience.retry.defaults.budget.enabled").get("defaultValue")).isEqualTo(true);
		assertThat(number("resilience.retry.defaults.budget.ratio")).isEqualTo(RetryBudgetConfig.Builder.DEFAULT_RATIO);
		assertThat(number("resilience.retry.defaults.budget.min-per-second"))
			.isEqualTo(RetryBudgetConfig.Builder.DEFAULT_MIN_PER_SECOND);
		assertThat(durationDefault("resilience.retry.defaults.budget.window"))
			.isEqualTo(RetryBudgetConfig.Builder.DEFAULT_WINDOW);
		assertThat(number("resilience.circuit-breaker.defaults.failure-rate-threshold"))
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_FAILURE_RATE_THRESHOLD);
		assertThat(number("resilience.circuit-breaker.defaults.slow-call-rate-threshold"))
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_RATE_THRESHOLD);
		assertThat(durationDefault("resilience.circuit-breaker.defaults.slow-call-duration"))
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_DURATION);
		assertThat(property("resilience.circuit-breaker.defaults.sliding-window-type").get("defaultValue"))
			.isEqualTo("count-based");
		assertThat(number("resilience.circuit-breaker.defaults.sliding-window-size"))
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_SLIDING_WINDOW_SIZE);
		assertThat(number("resilience.circuit-breaker.defaults.minimum-calls"))
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_MINIMUM_CALLS);
		assertThat(durationDefault("resilience.circuit-breaker.defaults.wait-in-open"))
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_WAIT_IN_OPEN);
		assertThat(number("resilience.circuit-breaker.defaults.half-open-calls"))
			.isEqualTo(CircuitBreakerConfig.Builder.DEFAULT_HALF_OPEN_CALLS);
		assertThat(property("resilience.circuit-breaker.defaults.health-fails-when-open").get("defaultValue"))
			.isEqualTo(false);
		assertThat(durationDefault("resilience.time-limiter.defaults.timeout"))
			.isEqualTo(TimeLimiterConfig.Builder.DEFAULT_TIMEOUT);
		assertThat(property("resilience.time-limiter.defaults.cancel-running").get("defaultValue")).isEqualTo(true);
		assertThat(number("resilience.concurrency-limit.defaults.limit"))
			.isEqualTo(ConcurrencyLimitConfig.Builder.DEFAULT_LIMIT);
		assertThat(durationDefault("resilience.concurrency-limit.defaults.max-wait"))
			.isEqualTo(ConcurrencyLimitConfig.Builder.DEFAULT_MAX_WAIT);
		assertThat(property("resilience.concurrency-limit.defaults.adaptive").get("defaultValue")).isEqualTo(false);
		assertThat(number("resilience.concurrency-limit.defaults.min-limit"))
			.isEqualTo(ConcurrencyLimitConfig.Builder.DEFAULT_MIN_LIMIT);
		assertThat(number("resilience.concurrency-limit.defaults.max-limit"))
			.isEqualTo(ConcurrencyLimitConfig.Builder.DEFAULT_MAX_LIMIT);
		assertThat(number("resilience.rate-limiter.defaults.limit")).isEqualTo(RateLimiterConfig.Builder.DEFAULT_LIMIT);
		assertThat(durationDefault("resilience.rate-limiter.defaults.period"))
			.isEqualTo(RateLimiterConfig.Builder.DEFAULT_PERIOD);
		assertThat(durationDefault("resilience.rate-limiter.defaults.max-wait"))
			.isEqualTo(RateLimiterConfig.Builder.DEFAULT_MAX_WAIT);
		assertThat(property("resilience.rate-limiter.defaults.store").get("defaultValue")).isEqualTo("local");
		assertThat(property("resilience.retry.defaults.budget.store").get("defaultValue")).isEqualTo("local");
		assertThat(number("resilience.hedge.defaults.max-attempts")).isEqualTo(HedgeConfig.Builder.DEFAULT_MAX_ATTEMPTS);
		assertThat(property("resilience.hedge.defaults.delay").get("defaultValue"))
			.isEqualTo(HedgeConfig.Builder.DEFAULT_DELAY.toString());
		assertThat(durationDefault("resilience.hedge.defaults.min-delay"))
			.isEqualTo(HedgeConfig.Builder.DEFAULT_MIN_DELAY);
		assertThat(property("resilience.hedge.defaults.budget.enabled").get("defaultValue")).isEqualTo(true);
		assertThat(number("resilience.hedge.defaults.budget.ratio"))
			.isEqualTo(HedgeConfig.Builder.DEFAULT_BUDGET_RATIO);
		assertThat(number("resilience.hedge.defaults.budget.min-per-second"))
			.isEqualTo(HedgeConfig.Builder.DEFAULT_BUDGET_MIN_PER_SECOND);
		assertThat(durationDefault("resilience.hedge.defaults.budget.window"))
			.isEqualTo(HedgeConfig.Builder.DEFAULT_BUDGET_WINDOW);
		assertThat(durationDefault("resilience.redis.timeout")).isEqualTo(Duration.ofMillis(50));
		assertThat(property("resilience.load-shedding.enabled").get("defaultValue")).isEqualTo(false);
		assertThat(property("resilience.load-shedding.exclude").get("defaultValue")).asInstanceOf(LIST)
			.containsExactly("/actuator/**");
		assertThat(durationDefault("resilience.load-shedding.retry-after")).isEqualTo(Duration.ofSeconds(1));
		assertThat(property("resilience.http.enabled").get("defaultValue")).isEqualTo(false);
		assertThat(property("resilience.http.methods").get("defaultValue")).asInstanceOf(LIST)
			.containsExactly("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
		assertThat(property("resilience.http.statuses").get("defaultValue")).asInstanceOf(LIST)
			.containsExactly(408, 429, 502, 503, 504);
		assertThat(property("resilience.http.idempotency-key-header").get("defaultValue"))
			.isEqualTo("Idempotency-Key");
		assertThat(number("resilience.http.max-hosts")).isEqualTo(HostGuards.DEFAULT_MAX_HOSTS);
	}

	@Test
	void metadataShouldHintSlidingWindowTypes() {
		List<String> values = metadata
			.read("$.hints[?(@.name == 'resilience.circuit-breaker.defaults.sliding-window-type')].values[*].value");
		assertThat(values).containsExactly("count-based", "time-based");
	}

	@Test
	void metadataShouldHintHedgePercentiles() {
		List<String> values = metadata.read("$.hints[?(@.name == 'resilience.hedge.defaults.delay')].values[*].value");
		assertThat(values).containsExactly("p90", "p95", "p99");
	}

	private static Map<String, Object> property(String key) {
		List<Map<String, Object>> matches = metadata.read("$.properties[?(@.name == '" + key + "')]");
		assertThat(matches).as(key).hasSize(1);
		return matches.get(0);
	}

	private static Duration durationDefault(String key) {
		return DurationStyle.detectAndParse((String) property(key).get("defaultValue"));
	}

	private static double number(String key) {
		return ((Number) property(key).get("defaultValue")).doubleValue();
	}

}
