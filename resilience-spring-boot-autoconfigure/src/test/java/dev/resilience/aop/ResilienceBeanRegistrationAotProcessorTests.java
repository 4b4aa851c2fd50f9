package dev.resilience.aop;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceBeanRegistrationAotProcessor}: a native image keeps the methods of
 * annotated beans, fallback methods included, and nothing is registered for other beans.
 */
class ResilienceBeanRegistrationAotProcessorTests {

	private final ResilienceBeanRegistrationAotProcessor processor = new ResilienceBeanRegistrationAotProcessor();

	@Test
	void anAnnotatedBeansMethodsAndFallbackMethodsCanBeInvokedReflectively() throws Exception {
		RuntimeHints hints = hintsFor(Recommendations.class);

		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Recommendations.class.getDeclaredMethod("bestSellers", String.class))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Recommendations.class.getDeclaredMethod("forUser", String.class))).accepts(hints);
	}

	@Test
	void aBeanWithoutTheAnnotationsGetsNothing() {
		assertThat(contribution(Plain.class)).isNull();
	}

	@Test
	void theProcessorIsRegisteredForSpringAot() {
		List<BeanRegistrationAotProcessor> processors = AotServices.factories()
			.load(BeanRegistrationAotProcessor.class)
			.asList();
		assertThat(processors).hasAtLeastOneElementOfType(ResilienceBeanRegistrationAotProcessor.class);
	}

	private RuntimeHints hintsFor(Class<?> type) {
		RuntimeHints hints = new RuntimeHints();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles(), hints);
		// the contribution registers hints only; it writes no registration code
		contribution(type).applyTo(generation, null);
		return hints;
	}

	private BeanRegistrationAotContribution contribution(Class<?> type) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(type));
		return this.processor.processAheadOfTime(RegisteredBean.of(beanFactory, "bean"));
	}

	static class Recommendations {

		@CircuitGuarded(name = "recommendations")
		@Fallback(method = "bestSellers")
		public String forUser(String user) {
			return "for " + user;
		}

		String bestSellers(String user) {
			return "best sellers";
		}

	}

	static class Plain {

		public String hello() {
			return "hello";
		}

	}

}
