package dev.resilience.autoconfigure;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.resilience.aop.InvalidAnnotationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidAnnotationFailureAnalyzer}.
 */
class InvalidAnnotationFailureAnalyzerTests {

	private final InvalidAnnotationFailureAnalyzer analyzer = new InvalidAnnotationFailureAnalyzer();

	@Test
	void analyzeShouldNameBeanMethodProblemAndAction() throws NoSuchMethodException {
		Method method = QuoteService.class.getMethod("quote", String.class);
		InvalidAnnotationException cause = new InvalidAnnotationException("quoteService", method,
				"@Fallback names method 'cachedQuote', which does not exist",
				"Declare a method String cachedQuote(String) on QuoteService.");
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("quoteService", "failed", cause));
		assertThat(analysis.getDescription()).isEqualTo("The method String QuoteService.quote(String) of bean "
				+ "'quoteService' cannot be guarded as annotated: @Fallback names method 'cachedQuote', which does "
				+ "not exist.");
		assertThat(analysis.getAction()).isEqualTo("Declare a method String cachedQuote(String) on QuoteService.");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	static class QuoteService {

		public String quote(String symbol) {
			return symbol;
		}

	}

}
