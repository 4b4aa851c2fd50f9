package dev.resilience.autoconfigure;

import java.util.Map;
import java.util.stream.Stream;

import dev.resilience.core.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that {@link PropertiesConfigSource} reports bad values with the full property key.
 */
class PropertiesConfigSourceValidationTests {

	@ParameterizedTest(name = "{0}.{1}={2}")
	@MethodSource("badValues")
	void validateWhenValueIsOutOfRangeShouldNameTheFullKey(String prefix, String setting, String value,
			String allowed) {
		String key = prefix + "." + setting;
		PropertiesConfigSource source = PropertiesConfigSourceTests.source(Map.of(key, value));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(key);
				assertThat(ex.getAllowed()).isEqualTo(allowed);
				assertThat(ex).hasMessageContaining(key).hasMessageContaining(allowed);
			});
	}

	static Stream<Arguments> badValues() {
		return Stream.of("defaults", "instances.inventory")
			.flatMap((layer) -> Stream.of(retry(layer), circuitBreaker(layer), timeLimiter(layer)).flatMap((s) -> s));
	}

	private static Stream<Arguments> retry(String layer) {
		String prefix = "resilience.retry." + layer;
		return Stream.of(Arguments.of(prefix, "max-attempts", "0", "an integer of at least 1"),
				Arguments.of(prefix, "max-attempts", "-2", "an integer of at least 1"),
				Arguments.of(prefix, "delay", "-1ms", "a duration of zero or more"),
				Arguments.of(prefix, "multiplier", "0.5", "a finite number of at least 1.0"),
				Arguments.of(prefix, "max-delay", "-1s", "a duration of zero or more"),
				Arguments.of(prefix, "jitter", "1.5", "a number from 0.0 to 1.0"),
				Arguments.of(prefix, "jitter", "-0.1", "a number from 0.0 to 1.0"),
				Arguments.of(prefix, "max-duration", "0s", "a positive duration"));
	}

	private static Stream<Arguments> circuitBreaker(String layer) {
		String prefix = "resilience.circuit-breaker." + layer;
		String percent = "a percentage greater than 0 and at most 100";
		return Stream.of(Arguments.of(prefix, "failure-rate-threshold", "0", percent),
				Arguments.of(prefix, "failure-rate-threshold", "100.5", percent),
				Arguments.of(prefix, "slow-call-rate-threshold", "-5", percent),
				Arguments.of(prefix, "slow-call-rate-threshold", "150", percent),
				Arguments.of(prefix, "slow-call-duration", "0s", "a positive duration"),
				Arguments.of(prefix, "sliding-window-size", "0", "an integer of at least 1"),
				Arguments.of(prefix, "sliding-window-size", "-10", "an integer of at least 1"),
				Arguments.of(prefix, "minimum-calls", "0", "an integer of at least 1"),
				Arguments.of(prefix, "wait-in-open", "-1s", "a positive duration"),
				Arguments.of(prefix, "half-open-calls", "0", "an integer of at least 1"));
	}

	private static Stream<Arguments> timeLimiter(String layer) {
		String prefix = "resilience.time-limiter." + layer;
		return Stream.of(Arguments.of(prefix, "timeout", "0s", "a positive duration"),
				Arguments.of(prefix, "timeout", "-1s", "a positive duration"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("classLists")
	void validateWhenClassIsNoThrowableShouldNameTheElement(String key) {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of(key + "[0]", "java.io.IOException", key + "[1]", "java.lang.String"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(key + "[1]");
				assertThat(ex.getValue()).isEqualTo("java.lang.String");
				assertThat(ex.getAllowed()).isEqualTo("a Throwable class");
			});
	}

	static Stream<String> classLists() {
		return Stream.of("defaults", "instances.inventory")
			.flatMap((layer) -> Stream.of("resilience.retry." + layer + ".retry-on",
					"resilience.retry." + layer + ".abort-on", "resilience.circuit-breaker." + layer + ".record-on",
					"resilience.circuit-breaker." + layer + ".ignore"));
	}

	@Test
	void validateWhenInstanceNameHasDotsShouldNameItInBrackets() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.retry.instances.[InventoryService.check].max-attempts", "0"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("resilience.retry.instances.[InventoryService.check].max-attempts"));
	}

	@Test
	void validateWhenARateLimitIsAboveTheMaximumShouldNameTheProperty() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.rate-limiter.instances.[api.example.com].limit", "20000"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.withMessage("Invalid value '20000' for resilience.rate-limiter.instances.[api.example.com].limit: "
					+ "must be an integer from 1 to 10000");
	}

	@Test
	void validateWhenAnAdaptiveLimitStartsOutsideItsRangeShouldNameTheLimit() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.concurrency-limit.instances.inbound.adaptive", "true",
					"resilience.concurrency-limit.instances.inbound.limit", "300"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("resilience.concurrency-limit.instances.inbound.limit"));
	}

	@Test
	void validateStoresWhenARateLimiterKeepsItsStateInRedisWithoutAConnectionShouldNameTheProperty() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.rate-limiter.instances.geocoder.store", "redis"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> source.validateStores(false))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("resilience.rate-limiter.instances.geocoder.store"))
			.withMessageContaining("spring-boot-starter-data-redis");
		assertThatNoException().isThrownBy(() -> source.validateStores(true));
	}

	@Test
	void validateStoresWhenARetryBudgetKeepsItsStateInRedisWithoutAConnectionShouldNameTheProperty() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.retry.instances.inventory.budget.store", "redis"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> source.validateStores(false))
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("resilience.retry.instances.inventory.budget.store"))
			.withMessageContaining("spring-boot-starter-data-redis");
		PropertiesConfigSource defaults = PropertiesConfigSourceTests
			.source(Map.of("resilience.retry.defaults.budget.store", "redis"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> defaults.validateStores(false))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("resilience.retry.defaults.budget.store"));
		assertThatNoException().isThrownBy(() -> source.validateStores(true));
	}

	@Test
	void validateWhenEverythingIsInRangeShouldPass() {
		PropertiesConfigSource source = PropertiesConfigSourceTests.source(Map.of(
				"resilience.retry.instances.inventory.max-attempts", "1", "resilience.retry.defaults.jitter", "1",
				"resilience.circuit-breaker.instances.inventory.failure-rate-threshold", "100",
				"resilience.time-limiter.instances.inventory.timeout", "1ms"));
		assertThatNoException().isThrownBy(source::validate);
	}

	@Test
	void retryWhenInstanceIsOutOfRangeShouldKeepTheBuilderFailureAsCause() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.retry.instances.inventory.max-attempts", "0"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> source.retry("inventory", (builder) -> {
			}))
			.withMessage("Invalid value '0' for resilience.retry.instances.inventory.max-attempts: "
					+ "must be an integer of at least 1")
			.havingCause()
			.isInstanceOf(InvalidConfigurationException.class)
			.satisfies((cause) -> assertThat(((InvalidConfigurationException) cause).getProperty())
				.isEqualTo("max-attempts"));
	}

	@Test
	void retryWhenCodeIsOutOfRangeShouldPassTheFailureThroughUnchanged() {
		PropertiesConfigSource source = PropertiesConfigSourceTests.source(Map.of());
		InvalidConfigurationException fromCode = new InvalidConfigurationException("@Retryable(maxAttempts)", 0,
				"an integer of at least 1");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> source.retry("inventory", (builder) -> {
				throw fromCode;
			}))
			.isSameAs(fromCode);
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> source.circuitBreaker("inventory", (builder) -> builder.minimumCalls(0)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("minimum-calls"));
	}

	@Test
	void validateWhenInstanceIsUnusedShouldStillCheckIt() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.time-limiter.instances.never-used.timeout", "0s"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("resilience.time-limiter.instances.never-used.timeout"));
	}

}
