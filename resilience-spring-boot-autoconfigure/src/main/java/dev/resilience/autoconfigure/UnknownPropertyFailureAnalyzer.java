package dev.resilience.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;

/**
 * Reports a {@code resilience.*} key that no setting has (see {@link UnknownPropertiesCheck}):
 * the property as written, where it comes from, the group it sits in and the keys that group
 * has, read from {@link ResilienceProperties}. Spring Boot's own report only says that the key
 * was left unbound.
 *
 * <p>Ordered ahead of Spring Boot's analyzers, which are unordered.
 *
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("resilience");

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		ConfigurationProperty property = cause.getUnboundProperties()
			.stream()
			.filter((unbound) -> ROOT.isAncestorOf(unbound.getName()))
			.sorted()
			.findFirst()
			.orElse(null);
		if (property == null) {
			return null;
		}
		UnknownKey unknown = unknownKey(property.getName());
		if (unknown == null) {
			return null;
		}
		Origin origin = property.getOrigin();
		String description = "Unknown configuration property '%s'%s: %s has no key '%s'.".formatted(
				property.getName(), (origin != null) ? " (" + origin + ")" : "", unknown.group(), unknown.key());
		String action = ("Correct or remove %s in your configuration (application.yml or application.properties): "
				+ "the keys of %s are %s.")
			.formatted(property.getName(), unknown.group(), String.join(", ", unknown.allowed().keySet()));
		return new FailureAnalysis(description, action, cause);
	}

	/**
	 * Walks the settings of {@link ResilienceProperties} along the name, and returns the first
	 * element that none has; {@code null} if there is none, or if the name goes below a value.
	 */
	private static @Nullable UnknownKey unknownKey(ConfigurationPropertyName name) {
		ResolvableType type = ResolvableType.forClass(ResilienceProperties.class);
		int index = ROOT.getNumberOfElements();
		while (index < name.getNumberOfElements()) {
			Map<String, ResolvableType> settings = settings(type);
			String key = name.getElement(index, Form.DASHED);
			ResolvableType setting = settings.get(key);
			if (setting == null) {
				return new UnknownKey(name.chop(index).toString(), key, settings);
			}
			Class<?> settingClass = setting.toClass();
			if (Map.class.isAssignableFrom(settingClass)) {
				// the next element is a map key, an instance name
				type = setting.asMap().getGeneric(1);
				index += 2;
			}
			else if (settingClass.getPackage() == ResilienceProperties.class.getPackage()) {
				// a group of settings, such as ResilienceProperties.Retry or RetrySettings
				type = setting;
				index++;
			}
			else {
				return null;
			}
		}
		return null;
	}

	/**
	 * Returns the settings of a group of properties, by their key, in alphabetical order.
	 */
	private static Map<String, ResolvableType> settings(ResolvableType group) {
		Map<String, ResolvableType> settings = new TreeMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(group.toClass())) {
			if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName())) {
				settings.put(DataObjectPropertyName.toDashedForm(descriptor.getName()),
						ResolvableType.forMethodReturnType(descriptor.getReadMethod()));
			}
		}
		return settings;
	}

	/**
	 * A key that no setting has.
	 *
	 * @param group the group it sits in, such as {@code resilience.retry.defaults}
	 * @param key the key, such as {@code max-atempts}
	 * @param allowed the settings of the group, by their key
	 */
	private record UnknownKey(String group, String key, Map<String, ResolvableType> allowed) {
	}

}
