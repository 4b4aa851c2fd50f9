package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.resilience.core.HedgeConfig;
import dev.resilience.core.HedgeDelay;
import dev.resilience.core.InvalidConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the hedge properties, {@code resilience.hedge.defaults} and
 * {@code resilience.hedge.instances.<name>}, layered by {@link PropertiesConfigSource}: the
 * instance over settings from code over the defaults over the built-in defaults, the budget
 * setting by setting.
 */
class HedgePropertiesTests {

	@Test
	void whenNothingIsSetTheBuiltInDefaultsApply() {
		HedgeConfig config = PropertiesConfigSourceTests.source(Map.of()).hedge("inventory", (builder) -> {
		});
		assertThat(config.maxAttempts()).isEqualTo(2);
		assertThat(config.delay()).isEqualTo(HedgeDelay.percentile(95));
		assertThat(config.minDelay()).isEqualTo(Duration.ofMillis(50));
		assertThat(config.budget().enabled()).isTrue();
		assertThat(config.budget().ratio()).isEqualTo(0.1);
		assertThat(config.budget().minPerSecond()).isEqualTo(5);
		assertThat(config.budget().window()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void defaultsBindAndAnInstanceOverridesThemAndTheSettingsFromCode() {
		PropertiesConfigSource source = PropertiesConfigSourceTests.source(Map.of(
				"resilience.hedge.defaults.max-attempts", "3", "resilience.hedge.defaults.delay", "p99",
				"resilience.hedge.defaults.min-delay", "20ms", "resilience.hedge.defaults.budget.ratio", "0.05",
				"resilience.hedge.defaults.budget.window", "30s", "resilience.hedge.instances.inventory.delay", "80ms",
				"resilience.hedge.instances.inventory.budget.min-per-second", "1",
				"resilience.hedge.instances.[api.example.com].budget.enabled", "false"));

		HedgeConfig other = source.hedge("other", (builder) -> builder.maxAttempts(4));
		assertThat(other.maxAttempts()).as("from code, over the defaults").isEqualTo(4);
		assertThat(other.delay()).isEqualTo(HedgeDelay.percentile(99));
		assertThat(other.minDelay()).isEqualTo(Duration.ofMillis(20));
		assertThat(other.budget().ratio()).isEqualTo(0.05);
		assertThat(other.budget().minPerSecond()).isEqualTo(5);
		assertThat(other.budget().window()).isEqualTo(Duration.ofSeconds(30));

		HedgeConfig inventory = source.hedge("inventory",
				(builder) -> builder.delay(HedgeDelay.of(Duration.ofSeconds(1))));
		assertThat(inventory.delay()).as("the instance, over the code").isEqualTo(HedgeDelay.of(Duration.ofMillis(80)));
		assertThat(inventory.maxAttempts()).isEqualTo(3);
		assertThat(inventory.budget().minPerSecond()).isEqualTo(1);
		assertThat(inventory.budget().ratio()).as("the rest of the budget from the defaults").isEqualTo(0.05);

		assertThat(source.hedge("api.example.com", (builder) -> {
		}).budget().enabled()).isFalse();
		assertThat(source.hedgeInstanceNames()).containsExactlyInAnyOrder("inventory", "api.example.com");
	}

	@Test
	void validationNamesTheFullKeyOfABadDelay() {
		PropertiesConfigSource source = PropertiesConfigSourceTests
			.source(Map.of("resilience.hedge.instances.inventory.delay", "p100"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("resilience.hedge.instances.inventory.delay"))
			.withMessageContaining("p90, p95, p99");
	}

}
