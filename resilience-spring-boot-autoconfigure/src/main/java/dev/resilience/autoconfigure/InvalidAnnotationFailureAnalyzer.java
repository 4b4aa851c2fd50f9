package dev.resilience.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import dev.resilience.aop.InvalidAnnotationException;

/**
 * Reports an annotated method that cannot be guarded as declared: the bean, the method, what is
 * wrong and what to change.
 *
 * <p>Ordered first: an annotation attribute out of range is an
 * {@link dev.resilience.core.InvalidConfigurationException} wrapped in an
 * {@link InvalidAnnotationException}, and only this report names the bean, the method and the
 * annotation; {@link InvalidConfigurationFailureAnalyzer} would name the setting alone.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidAnnotationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAnnotationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAnnotationException cause) {
		String description = "The method " + cause.getMethod() + " of bean '" + cause.getBeanName()
				+ "' cannot be guarded as annotated: " + cause.getProblem() + ".";
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
