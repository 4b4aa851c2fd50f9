package dev.resilience.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.CircuitBreakersEndpoint;
import dev.resilience.actuate.ResilienceEventBuffer;
import dev.resilience.actuate.ResilienceEventsEndpoint;
import dev.resilience.actuate.RetriesEndpoint;
import dev.resilience.actuate.TimeLimitersEndpoint;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Sleeper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceEndpointsAutoConfiguration}.
 */
class ResilienceEndpointsAutoConfigurationTests {

	private static final String ALL = "circuitbreakers,retries,timelimiters,resilienceevents";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceEndpointsAutoConfiguration.class))
		.withBean(ManualClock.class);

	@Test
	void runWhenNotExposedShouldNotHaveEndpointBeans() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class)
			.doesNotHaveBean(RetriesEndpoint.class)
			.doesNotHaveBean(TimeLimitersEndpoint.class)
			.doesNotHaveBean(ResilienceEventsEndpoint.class)
			.doesNotHaveBean(ResilienceEventBuffer.class));
	}

	@Test
	void runWhenExposedOnTheWebShouldHaveEndpointBeans() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=" + ALL)
			.run((context) -> assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class)
				.hasSingleBean(RetriesEndpoint.class)
				.hasSingleBean(TimeLimitersEndpoint.class)
				.hasSingleBean(ResilienceEventsEndpoint.class)
				.hasSingleBean(ResilienceEventBuffer.class));
	}

	@Test
	void runWhenExposedOverJmxShouldHaveEndpointBeans() {
		this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=" + ALL)
			.run((context) -> assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class)
				.hasSingleBean(ResilienceEventsEndpoint.class));
	}

	@Test
	void runWhenAccessIsNoneShouldNotHaveEndpointBean() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=" + ALL,
					"management.endpoint.circuitbreakers.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class)
				.hasSingleBean(RetriesEndpoint.class));
	}

	@Test
	void runWhenEventsEndpointIsExposedShouldRecordEvents() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=resilienceevents").run((context) -> {
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			registry.circuitBreaker("inventory").transitionTo(CircuitBreaker.State.FORCED_OPEN);
			assertThat(context.getBean(ResilienceEventsEndpoint.class).events("inventory").events())
				.extracting(ResilienceEventBuffer.Event::detail)
				.containsExactly("CLOSED -> FORCED_OPEN");
		});
	}

	@Test
	void runWhenResilienceIsDisabledShouldNotHaveEndpointBeans() {
		this.runner.withPropertyValues("resilience.enabled=false", "management.endpoints.web.exposure.include=" + ALL)
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class)
				.doesNotHaveBean(ResilienceEventBuffer.class));
	}

	@Test
	void runWhenUserDefinesEndpointShouldBackOff() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=" + ALL)
			.withBean("myCircuitBreakersEndpoint", CircuitBreakersEndpoint.class,
					() -> new CircuitBreakersEndpoint(new ResilienceRegistry(ConfigSource.builtIn(), Clock.system(),
							Sleeper.system(), Runnable::run)))
			.run((context) -> assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class)
				.hasBean("myCircuitBreakersEndpoint"));
	}

}
