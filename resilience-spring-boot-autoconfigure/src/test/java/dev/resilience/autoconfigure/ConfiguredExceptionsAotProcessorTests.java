package dev.resilience.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfiguredExceptionsAotProcessor}: a native image can load every exception
 * class the properties name, and create the exceptions of faults.
 */
class ConfiguredExceptionsAotProcessorTests {

	private final ConfiguredExceptionsAotProcessor processor = new ConfiguredExceptionsAotProcessor();

	@Test
	void exceptionClassesNamedInPropertiesAreRegistered() throws Exception {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("resilience.retry.defaults.retry-on[0]", "java.io.IOException")
			.withProperty("resilience.circuit-breaker.instances.inventory.record-on[0]",
					HttpServerErrorException.ServiceUnavailable.class.getName())
			.withProperty("resilience.faults.instances.prices.exception", "java.util.concurrent.TimeoutException");

		RuntimeHints hints = hints(this.processor.processAheadOfTime(beanFactory(environment)));

		assertThat(RuntimeHintsPredicates.reflection().onType(IOException.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(HttpServerErrorException.ServiceUnavailable.class))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(TimeoutException.class.getConstructor(String.class))).accepts(hints);
	}

	@Test
	void withoutExceptionClassesInPropertiesThereIsNothingToRegister() {
		assertThat(this.processor.processAheadOfTime(beanFactory(new MockEnvironment()))).isNull();
	}

	@Test
	void theProcessorIsRegisteredForSpringAot() {
		List<BeanFactoryInitializationAotProcessor> processors = AotServices.factories()
			.load(BeanFactoryInitializationAotProcessor.class)
			.asList();
		assertThat(processors).hasAtLeastOneElementOfType(ConfiguredExceptionsAotProcessor.class);
	}

	private static DefaultListableBeanFactory beanFactory(MockEnvironment environment) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment", environment);
		return beanFactory;
	}

	private static RuntimeHints hints(BeanFactoryInitializationAotContribution contribution) {
		RuntimeHints hints = new RuntimeHints();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles(), hints);
		// the contribution registers hints only; it writes no initialization code
		contribution.applyTo(generation, null);
		return hints;
	}

}
