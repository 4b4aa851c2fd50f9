package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnparsablePropertyFailureAnalyzer}.
 */
class UnparsablePropertyFailureAnalyzerTests {

	private final UnparsablePropertyFailureAnalyzer analyzer = new UnparsablePropertyFailureAnalyzer();

	@Test
	void analyzeWhenDurationIsUnparsableShouldNamePropertyValueOriginAndWhatIsAllowed() {
		FailureAnalysis analysis = this.analyzer
			.analyze(bindFailure("resilience.retry.defaults.delay", "soon", Bindable.of(Duration.class)));
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value 'soon' for configuration property 'resilience.retry.defaults.delay' "
					+ "(\"resilience.retry.defaults.delay\" from property source \"source\"): "
					+ "it must be a duration such as 500ms, 2s or PT1M.");
		assertThat(analysis.getAction()).isEqualTo("Update resilience.retry.defaults.delay in your configuration "
				+ "(application.yml or application.properties): it must be a duration such as 500ms, 2s or PT1M.");
	}

	@Test
	void analyzeWhenEnumValueIsUnknownShouldListTheValuesAsWritten() {
		FailureAnalysis analysis = this.analyzer.analyze(bindFailure(
				"resilience.circuit-breaker.defaults.sliding-window-type", "sideways",
				Bindable.of(SlidingWindowType.class)));
		assertThat(analysis.getDescription()).endsWith("it must be one of count-based, time-based.");
	}

	@Test
	void analyzeWhenClassIsUnknownShouldAskForThrowableClassNames() {
		FailureAnalysis analysis = this.analyzer.analyze(bindFailure("resilience.retry.defaults.retry-on",
				"com.example.NoSuchException", Bindable.listOf(Class.class)));
		assertThat(analysis.getDescription()).contains("'com.example.NoSuchException'")
			.endsWith("it must be fully qualified names of Throwable classes on the class path.");
	}

	@Test
	void analyzeWhenPropertyIsNotTheStartersShouldReturnNull() {
		assertThat(this.analyzer.analyze(bindFailure("server.port", "eighty", Bindable.of(Integer.class)))).isNull();
	}

	@Test
	void analyzeWhenTypeHasNoDescriptionShouldReturnNull() {
		assertThat(this.analyzer
			.analyze(bindFailure("resilience.retry.defaults.delay", "soon", Bindable.of(java.util.UUID.class))))
			.isNull();
	}

	private static BindException bindFailure(String property, String value, Bindable<?> target) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(property, value)));
		try {
			binder.bind(property, target);
		}
		catch (BindException ex) {
			return ex;
		}
		throw new IllegalStateException("Binding " + property + "=" + value + " did not fail");
	}

}
