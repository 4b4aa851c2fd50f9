package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Reports a {@code resilience.*} property whose value cannot be converted to its type (an
 * unparsable duration or number, an unknown exception class, a boolean or enum value that does
 * not exist) in the words of {@link InvalidConfigurationFailureAnalyzer}: the property, the value
 * and what is allowed. Spring Boot's own report names only the Java type. Other properties, and
 * values rejected for another reason than their conversion, are left to the other analyzers.
 *
 * <p>Ordered ahead of Spring Boot's analyzers, which are unordered.
 *
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnparsablePropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PREFIX = "resilience.";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String property = cause.getName().toString();
		ConfigurationProperty bound = cause.getProperty();
		if (!property.startsWith(PREFIX) || bound == null || !(cause.getCause() instanceof ConversionFailedException)) {
			return null;
		}
		String allowed = allowed(cause.getTarget().getType());
		if (allowed == null) {
			return null;
		}
		Origin origin = bound.getOrigin();
		String description = "Invalid value '%s' for configuration property '%s'%s: it must be %s."
			.formatted(bound.getValue(), property, (origin != null) ? " (" + origin + ")" : "", allowed);
		String action = "Update %s in your configuration (application.yml or application.properties): it must be %s."
			.formatted(property, allowed);
		return new FailureAnalysis(description, action, cause);
	}

	private static @Nullable String allowed(ResolvableType type) {
		Class<?> target = type.resolve();
		if (target == null) {
			return null;
		}
		if (target == Duration.class) {
			return "a duration such as 500ms, 2s or PT1M";
		}
		if (target == int.class || target == Integer.class) {
			return "a whole number";
		}
		if (target == double.class || target == Double.class) {
			return "a number";
		}
		if (target == boolean.class || target == Boolean.class) {
			return "true or false";
		}
		if (target.isEnum()) {
			return "one of " + Arrays.stream(target.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (target == Class.class || (type.asCollection() != ResolvableType.NONE
				&& type.asCollection().getGeneric(0).resolve() == Class.class)) {
			return "fully qualified names of Throwable classes on the class path";
		}
		return null;
	}

}
