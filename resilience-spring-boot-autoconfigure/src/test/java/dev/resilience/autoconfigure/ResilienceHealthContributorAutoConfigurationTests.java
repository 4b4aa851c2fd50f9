package dev.resilience.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.CircuitBreakersHealthIndicator;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceHealthContributorAutoConfiguration}.
 */
class ResilienceHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceHealthContributorAutoConfiguration.class))
		.withBean(ManualClock.class);

	@Test
	void runShouldHaveCircuitBreakersHealthIndicator() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CircuitBreakersHealthIndicator.class)
			.hasBean("circuitBreakersHealthIndicator"));
	}

	@Test
	void runWhenDisabledShouldNotHaveHealthIndicator() {
		this.runner.withPropertyValues("management.health.circuitbreakers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void runWhenDefaultHealthIndicatorsAreDisabledShouldNotHaveHealthIndicator() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void runWhenResilienceIsDisabledShouldNotHaveHealthIndicator() {
		this.runner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void runWhenUserDefinesIndicatorOfThatNameShouldBackOff() {
		this.runner.withBean("circuitBreakersHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
	}

	@Test
	void runWhenOpenBreakerFailsHealthShouldReportDown() {
		this.runner.withPropertyValues("resilience.circuit-breaker.instances.payments.health-fails-when-open=true")
			.run((context) -> {
				ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
				registry.circuitBreaker("inventory").transitionTo(CircuitBreaker.State.FORCED_OPEN);
				HealthIndicator indicator = context.getBean(CircuitBreakersHealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
				registry.circuitBreaker("payments").transitionTo(CircuitBreaker.State.FORCED_OPEN);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void runWhenDefaultsFailHealthShouldReportDownForEveryBreaker() {
		this.runner.withPropertyValues("resilience.circuit-breaker.defaults.health-fails-when-open=true")
			.run((context) -> {
				context.getBean(ResilienceRegistry.class)
					.circuitBreaker("inventory")
					.transitionTo(CircuitBreaker.State.FORCED_OPEN);
				assertThat(context.getBean(CircuitBreakersHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.DOWN);
			});
	}

}
