package dev.resilience.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.resilience.aop.InvalidAnnotationException;

/**
 * Reports an annotated method that cannot be guarded as declared: the bean, the method, what is
 * wrong and what to change.
 */
class InvalidAnnotationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAnnotationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAnnotationException cause) {
		String description = "The method " + cause.getMethod() + " of bean '" + cause.getBeanName()
				+ "' cannot be guarded as annotated: " + cause.getProblem() + ".";
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
