package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.RetryBudgetConfig;

import static dev.resilience.autoconfigure.PropertiesConfigSourceTests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code budget} settings of retries: defaults, per-instance overrides that change only what
 * they name, and validation naming the full key.
 */
class RetryBudgetPropertiesTests {

	@Test
	void budgetIsOnWithBuiltInDefaults() {
		RetryBudgetConfig budget = source(Map.of()).retry("inventory", (builder) -> {
		}).budget();
		assertThat(budget.enabled()).isTrue();
		assertThat(budget.ratio()).isEqualTo(RetryBudgetConfig.Builder.DEFAULT_RATIO);
		assertThat(budget.minPerSecond()).isEqualTo(RetryBudgetConfig.Builder.DEFAULT_MIN_PER_SECOND);
		assertThat(budget.window()).isEqualTo(RetryBudgetConfig.Builder.DEFAULT_WINDOW);
	}

	@Test
	void instanceOverridesOnlyWhatItNames() {
		RetryBudgetConfig budget = source(Map.of("resilience.retry.defaults.budget.min-per-second", "5",
				"resilience.retry.defaults.budget.window", "20s", "resilience.retry.instances.inventory.budget.ratio",
				"0.1"))
			.retry("inventory", (builder) -> {
			})
			.budget();
		assertThat(budget.ratio()).isEqualTo(0.1);
		assertThat(budget.minPerSecond()).isEqualTo(5);
		assertThat(budget.window()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void budgetCanBeSwitchedOffPerInstance() {
		RetryBudgetConfig budget = source(Map.of("resilience.retry.instances.inventory.budget.enabled", "false"))
			.retry("inventory", (builder) -> {
			})
			.budget();
		assertThat(budget.enabled()).isFalse();
	}

	@Test
	void negativeRatioNamesTheFullKey() {
		PropertiesConfigSource source = source(Map.of("resilience.retry.instances.inventory.budget.ratio", "-1"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("resilience.retry.instances.inventory.budget.ratio"));
	}

	@Test
	void tooShortWindowNamesTheFullKey() {
		PropertiesConfigSource source = source(Map.of("resilience.retry.defaults.budget.window", "1ms"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("resilience.retry.defaults.budget.window"));
	}

}
