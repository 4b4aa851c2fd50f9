package dev.resilience.autoconfigure;

import dev.resilience.core.InvalidConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns an {@link InvalidConfigurationException} into a start-up failure report that names the
 * setting, the rejected value and what is allowed.
 *
 * <p>Ordered ahead of Spring Boot's own analyzers (which are unordered), so that its report wins
 * over a generic one such as {@code BindFailureAnalyzer}'s when the exception is the cause of a
 * binding or bean creation failure. Ordered after {@link InvalidAnnotationFailureAnalyzer}, whose
 * report of an annotation attribute out of range also names the bean and the method.
 *
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

	private static final String PROPERTY_PREFIX = "resilience.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
		String property = cause.getProperty();
		String allowed = cause.getAllowed();
		if (property.startsWith(PROPERTY_PREFIX)) {
			String description = "Invalid value '%s' for configuration property '%s': it must be %s."
				.formatted(cause.getValue(), property, allowed);
			String action = "Update %s in your configuration (application.yml or application.properties): it must be %s."
				.formatted(property, allowed);
			return new FailureAnalysis(description, action, cause);
		}
		String description = "Invalid value '%s' for %s: it must be %s.".formatted(cause.getValue(), property,
				allowed);
		String action = "Change %s: it must be %s.".formatted(property, allowed);
		return new FailureAnalysis(description, action, cause);
	}

}
