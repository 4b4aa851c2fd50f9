package dev.resilience.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.resilience.core.FaultConfig;
import dev.resilience.core.Faults;
import dev.resilience.core.InvalidConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@code resilience.faults.*}: instances bind into faults, rates default to 1, bad
 * values fail start-up naming the property, whether faults are enabled or not, and unknown keys
 * are refused.
 */
class FaultPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void instancesBindIntoFaultsWithRatesOfOneUnlessSet() {
		Map<String, FaultConfig> faults = PropertiesConfigSourceTests.source(Map.of(
				"resilience.faults.instances.recommendations.latency", "2s",
				"resilience.faults.instances.recommendations.latency-rate", "0.1",
				"resilience.faults.instances.recommendations.exception", "java.io.IOException",
				"resilience.faults.instances.[api.example.com].status", "503",
				"resilience.faults.instances.[api.example.com].retry-after", "2s"))
			.faults();

		FaultConfig recommendations = faults.get("recommendations");
		assertThat(recommendations.latency()).isEqualTo(Duration.ofSeconds(2));
		assertThat(recommendations.latencyRate()).isEqualTo(0.1);
		assertThat(recommendations.exception()).isEqualTo(IOException.class);
		assertThat(recommendations.exceptionRate()).isEqualTo(1.0);
		assertThat(recommendations.status()).isZero();
		FaultConfig host = faults.get("api.example.com");
		assertThat(host.status()).isEqualTo(503);
		assertThat(host.statusRate()).isEqualTo(1.0);
		assertThat(host.retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aValueOutOfRangeIsNamedByItsFullKey() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> PropertiesConfigSourceTests
				.source(Map.of("resilience.faults.instances.[api.example.com].status", "200"))
				.faults())
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("resilience.faults.instances.[api.example.com].status"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> PropertiesConfigSourceTests
				.source(Map.of("resilience.faults.instances.recommendations.exception-rate", "1.5"))
				.faults())
			.satisfies((ex) -> assertThat(ex.getProperty())
				.isEqualTo("resilience.faults.instances.recommendations.exception-rate"));
	}

	@Test
	void badFaultsFailStartUpEvenWhileFaultsAreNotEnabled() {
		this.runner.withPropertyValues("resilience.faults.instances.recommendations.latency-rate=2")
			.run((context) -> {
				FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("'resilience.faults.instances.recommendations.latency-rate'", "'2.0'");
			});
	}

	@Test
	void theExceptionIsCheckedAtStartUp() {
		this.runner.withPropertyValues(
				"resilience.faults.instances.recommendations.exception=java.util.concurrent.TimeoutException")
			.run((context) -> assertThat(context).hasNotFailed());
		for (String unthrowable : new String[] { "java.util.function.Function",
				"dev.resilience.core.InvalidConfigurationException" }) {
			this.runner.withPropertyValues("resilience.faults.instances.recommendations.exception=" + unthrowable)
				.run((context) -> {
					FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains(
							"'resilience.faults.instances.recommendations.exception'", unthrowable,
							"a concrete Throwable with a public constructor taking a String message");
				});
		}
		this.runner.withPropertyValues("resilience.faults.instances.recommendations.exception=com.example.Nope")
			.run((context) -> {
				FailureAnalysis analysis = new UnparsablePropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("resilience.faults.instances.recommendations.exception",
						"com.example.Nope");
			});
	}

	@Test
	void anUnknownKeyIsRefused() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("resilience.faults.instances.recommendations.latancy", "2s")));

		BindException failure = catchThrowableOfType(BindException.class, () -> UnknownPropertiesCheck.check(environment));

		assertThat(failure).isNotNull();
		assertThat(new UnknownPropertyFailureAnalyzer().analyze(failure).getAction()).contains("latency",
				"latency-rate", "exception", "status", "retry-after");
	}

	@Test
	void faultsAreABeanOnlyWhenEnabled() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(Faults.class));
		this.runner.withPropertyValues("resilience.faults.enabled=true",
				"resilience.faults.instances.recommendations.status=503")
			.run((context) -> assertThat(context.getBean(Faults.class).armed()).containsOnlyKeys("recommendations"));
	}

}
