package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.resilience.core.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InvalidConfigurationFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationFailureAnalyzerTests {

	private final InvalidConfigurationFailureAnalyzer analyzer = new InvalidConfigurationFailureAnalyzer();

	@Test
	void analyzeWhenPropertyKeyShouldNamePropertyValueAndWhatIsAllowed() {
		InvalidConfigurationException failure = new InvalidConfigurationException("max-attempts", 0,
				"an integer of at least 1")
			.withProperty("resilience.retry.defaults.max-attempts");
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value '0' for configuration property 'resilience.retry.defaults.max-attempts': "
					+ "it must be an integer of at least 1.");
		assertThat(analysis.getAction()).isEqualTo("Update resilience.retry.defaults.max-attempts in your configuration "
				+ "(application.yml or application.properties): it must be an integer of at least 1.");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void analyzeWhenNotAPropertyShouldNameTheSetting() {
		InvalidConfigurationException failure = new InvalidConfigurationException(
				"@TimeLimited(timeout) on InventoryService.check", Duration.ZERO, "a positive duration");
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid value 'PT0S' for @TimeLimited(timeout) on InventoryService.check: it must be a positive duration.");
		assertThat(analysis.getAction())
			.isEqualTo("Change @TimeLimited(timeout) on InventoryService.check: it must be a positive duration.");
	}

	@Test
	void analyzeWhenWrappedShouldUseTheOutermostInvalidConfigurationException() {
		InvalidConfigurationException failure = new InvalidConfigurationException("jitter", 1.5,
				"a number from 0.0 to 1.0")
			.withProperty("resilience.retry.instances.inventory.jitter");
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("resilienceConfigSource", "Failed to create", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'resilience.retry.instances.inventory.jitter'", "'1.5'");
	}

	@Test
	void analyzeWhenOtherFailureShouldReturnNull() {
		assertThat(this.analyzer.analyze(new IllegalArgumentException("other"))).isNull();
	}

	@Test
	void registeredAnalyzersWhenCauseOfBindFailureShouldPreferThisAnalyzer() {
		InvalidConfigurationException failure = new InvalidConfigurationException("max-attempts", 0,
				"an integer of at least 1")
			.withProperty("resilience.retry.defaults.max-attempts");
		BindException bindFailure = bindFailureCausedBy(failure);
		List<FailureAnalyzer> analyzers = registeredAnalyzers();
		assertThat(analyzers).hasAtLeastOneElementOfType(InvalidConfigurationFailureAnalyzer.class);
		List<FailureAnalysis> analyses = analyzers.stream()
			.map((analyzer) -> analyzer.analyze(bindFailure))
			.filter(Objects::nonNull)
			.toList();
		assertThat(analyses).hasSizeGreaterThan(1);
		assertThat(analyses.get(0).getAction()).startsWith("Update resilience.retry.defaults.max-attempts");
	}

	@Test
	void runWhenPropertyIsOutOfRangeShouldFailStartUpWithAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ValidatingConfiguration.class);
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> application.run("--spring.main.web-application-type=none",
					"--resilience.circuit-breaker.instances.inventory.failure-rate-threshold=150"))
			.satisfies((ex) -> {
				FailureAnalysis analysis = this.analyzer.analyze(ex);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("Invalid value '150.0' for configuration property "
						+ "'resilience.circuit-breaker.instances.inventory.failure-rate-threshold': "
						+ "it must be a percentage greater than 0 and at most 100.");
			});
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Update resilience.circuit-breaker.instances.inventory.failure-rate-threshold "
					+ "in your configuration");
	}

	private static BindException bindFailureCausedBy(RuntimeException failure) {
		Binder binder = new Binder(
				new MapConfigurationPropertySource(Map.of("resilience.retry.defaults.max-attempts", "0")));
		BindHandler handler = new BindHandler() {

			@Override
			public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				throw failure;
			}

		};
		try {
			binder.bind("resilience.retry.defaults.max-attempts", Bindable.of(Integer.class), handler);
		}
		catch (BindException ex) {
			return ex;
		}
		throw new IllegalStateException("Binding did not fail");
	}

	private static List<FailureAnalyzer> registeredAnalyzers() {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		// As Boot's FailureAnalyzers: analyzers that cannot be created (missing optional
		// classes) are left out, and the rest are sorted by their order. The list is reversed
		// before sorting, as if this module's jar came last on the class path, so that only the
		// order decides.
		FailureHandler skip = (factoryType, factoryImplementationName, failure) -> {
		};
		List<FailureAnalyzer> analyzers = new ArrayList<>(
				SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, arguments, skip));
		Collections.reverse(analyzers);
		AnnotationAwareOrderComparator.sort(analyzers);
		return analyzers;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ResilienceProperties.class)
	static class ValidatingConfiguration {

		@Bean
		PropertiesConfigSource resilienceConfigSource(ResilienceProperties properties) {
			PropertiesConfigSource source = new PropertiesConfigSource(properties);
			source.validate();
			return source;
		}

	}

}
