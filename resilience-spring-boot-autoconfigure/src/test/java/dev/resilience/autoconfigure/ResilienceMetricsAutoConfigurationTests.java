package dev.resilience.autoconfigure;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.ResilienceMetrics;
import dev.resilience.annotation.Retryable;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceMetricsAutoConfiguration}.
 */
class ResilienceMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(Inventory.class);

	private final ApplicationContextRunner metricsRunner = this.runner
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void runWithoutMeterRegistryShouldNotHaveBinder() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ResilienceMetrics.class));
	}

	@Test
	void runWithMeterRegistryShouldHaveBinder() {
		this.metricsRunner.run((context) -> assertThat(context).hasSingleBean(ResilienceMetrics.class));
	}

	@Test
	void runWithMeterRegistryShouldRegisterMetersOfAnnotatedMethodsAtStartUp() {
		this.metricsRunner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("resilience.retry.calls")
				.tags("name", "inventory", "kind", "successful_without_retry")
				.counter()
				.count()).isZero();
		});
	}

	@Test
	void runWithMeterRegistryShouldCountCalls() {
		this.metricsRunner.run((context) -> {
			context.getBean(Inventory.class).load();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("resilience.retry.calls")
				.tags("name", "inventory", "kind", "successful_without_retry")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void runWhenResilienceIsDisabledShouldNotHaveBinder() {
		this.metricsRunner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceMetrics.class));
	}

	static class Inventory {

		@Retryable(name = "inventory")
		public String load() throws IOException {
			return "in-stock";
		}

	}

}
