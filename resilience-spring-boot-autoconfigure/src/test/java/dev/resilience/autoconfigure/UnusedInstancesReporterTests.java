package dev.resilience.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warning about configured instances that nothing uses: it names each likely typo,
 * and keeps quiet about the instances of HTTP hosts ({@code host[:port]}), which the HTTP client
 * guards create on the first request to the host, after start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnusedInstancesReporterTests {

	private static final String UNUSED = " is configured, but no annotated method or code uses an instance named '";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceHttpClientAutoConfiguration.class))
		.withBean(Inventory.class);

	@Test
	void runWhenHostInstancesAreConfiguredForTheHttpGuardsShouldWarnOnlyAboutTypos(CapturedOutput output) {
		this.runner
			.withInitializer(properties("resilience.retry.instances.inventory.max-attempts", "5",
					"resilience.retry.instances.inventroy.max-attempts", "5",
					"resilience.retry.instances.[api.example.com].max-attempts", "5",
					"resilience.circuit-breaker.instances.[localhost:8081].minimum-calls", "5",
					"resilience.circuit-breaker.instances.[inventory-service:8080].minimum-calls", "5",
					"resilience.circuit-breaker.instances.[10.0.0.7].minimum-calls", "5",
					"resilience.retry.instances.[API.Example.COM:443].max-attempts", "5",
					"resilience.circuit-breaker.instances.[[::1]:8443].minimum-calls", "5"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("resilience.retry.instances.inventroy" + UNUSED + "inventroy'")
					.doesNotContain("api.example.com" + UNUSED)
					.doesNotContain("localhost:8081" + UNUSED)
					.doesNotContain("inventory-service:8080" + UNUSED)
					.doesNotContain("10.0.0.7" + UNUSED)
					.doesNotContain("API.Example.COM:443" + UNUSED)
					.doesNotContain("[::1]:8443" + UNUSED);
			});
	}

	@Test
	void runWhenATypoLooksLikeADefaultInstanceNameShouldStillWarn(CapturedOutput output) {
		this.runner.withPropertyValues("resilience.circuit-breaker.instances.[Inventroy.load].minimum-calls=5")
			.run((context) -> assertThat(output)
				.contains("resilience.circuit-breaker.instances.[Inventroy.load]" + UNUSED + "Inventroy.load'"));
	}

	@Test
	void runWhenAHostIsConfiguredForATimeLimiterShouldWarnSinceTheGuardsUseNone(CapturedOutput output) {
		this.runner.withPropertyValues("resilience.time-limiter.instances.[api.example.com].timeout=1s")
			.run((context) -> assertThat(output)
				.contains("resilience.time-limiter.instances.[api.example.com]" + UNUSED + "api.example.com'"));
	}

	@Test
	void runWithoutHttpGuardsShouldWarnAboutHostInstancesToo(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(Inventory.class)
			.withInitializer(properties("resilience.circuit-breaker.instances.[localhost:8081].minimum-calls", "5"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output)
					.contains("resilience.circuit-breaker.instances.[localhost:8081]" + UNUSED + "localhost:8081'");
			});
	}

	/**
	 * Adds properties whose keys may hold a colon, which {@code withPropertyValues} would take
	 * for the separator of key and value.
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> properties(String... keysAndValues) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			properties.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", properties));
	}

	@Test
	void runWhenFaultsAreEnabledShouldWarnAboutFaultsOfANameNoMethodUses(CapturedOutput output) {
		this.runner.withPropertyValues("resilience.faults.enabled=true",
				"resilience.faults.instances.inventory.latency=1s", "resilience.faults.instances.inventroy.latency=1s",
				"resilience.faults.instances.[Inventory.load].latency=1s",
				"resilience.faults.instances.[api.example.com].status=503")
			.run((context) -> assertThat(output).contains("resilience.faults.instances.inventroy" + UNUSED + "inventroy'")
				.doesNotContain("'inventory'")
				.doesNotContain("Inventory.load'")
				.doesNotContain("api.example.com" + UNUSED));
	}

	@Test
	void runWhenSpringCloudCircuitBreakersAreOursShouldNotWarnAboutBreakersTheyCreateLater(CapturedOutput output) {
		this.runner.withConfiguration(AutoConfigurations.of(ResilienceSpringCloudAutoConfiguration.class))
			.withPropertyValues("resilience.circuit-breaker.instances.payments.minimum-calls=5",
					"resilience.time-limiter.instances.payments.timeout=1s",
					"resilience.retry.instances.inventroy.max-attempts=5")
			.run((context) -> assertThat(output).doesNotContain("payments" + UNUSED)
				.contains("resilience.retry.instances.inventroy" + UNUSED + "inventroy'"));
	}

	static class Inventory {

		@Retryable(name = "inventory")
		@CircuitGuarded
		@TimeLimited
		public String load() {
			return "in stock";
		}

	}

}
