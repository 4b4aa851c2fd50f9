package dev.resilience.autoconfigure;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.ResilienceEventLogger;
import dev.resilience.annotation.Retryable;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability auto-configurations on a class path without Actuator, Spring Boot's health
 * support and Micrometer: the annotations still work and the log lines are still written.
 */
class ObservabilityWithoutOptionalLibrariesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.", "org.springframework.boot.health.",
				"io.micrometer.core."))
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceLoggingAutoConfiguration.class, ResilienceEndpointsAutoConfiguration.class,
				ResilienceHealthContributorAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=*")
		.withBean(ManualClock.class)
		.withBean(Inventory.class);

	@Test
	void runWithoutActuatorHealthAndMicrometerShouldStillRetryAnnotatedMethods() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ResilienceRegistry.class);
			Inventory inventory = context.getBean(Inventory.class);
			assertThat(inventory.load()).isEqualTo("in-stock");
			assertThat(inventory.calls()).isEqualTo(2);
		});
	}

	@Test
	void runWithoutActuatorHealthAndMicrometerShouldHaveOnlyTheEventLogger() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ResilienceEventLogger.class);
			assertThat(context.getBeanNamesForType(Object.class))
				.noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains("endpoint"))
				.doesNotContain("circuitBreakersHealthIndicator", "resilienceMetrics", "resilienceEventBuffer");
		});
	}

	public static class Inventory {

		final AtomicInteger calls = new AtomicInteger();

		@Retryable(name = "inventory", delay = "10ms")
		public String load() throws IOException {
			if (this.calls.incrementAndGet() == 1) {
				throw new IOException("inventory down");
			}
			return "in-stock";
		}

		public int calls() {
			return this.calls.get();
		}

	}

}
