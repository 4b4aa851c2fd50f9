package dev.resilience.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a policy setting is out of its allowed range. Names the setting, the rejected value
 * and what is allowed, so that start-up can fail with a message that points at the culprit.
 *
 * @since 0.1.0
 */
public class InvalidConfigurationException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable Object value;

	private final String allowed;

	/**
	 * Creates a new exception.
	 * @param property the setting, for example {@code max-attempts} or a full property key
	 * @param value the rejected value
	 * @param allowed what is allowed, for example {@code an integer of at least 1}
	 */
	public InvalidConfigurationException(String property, @Nullable Object value, String allowed) {
		super("Invalid value '" + value + "' for " + property + ": must be " + allowed);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	/**
	 * Returns a copy of this exception naming the setting by a longer name (a full property key
	 * or an annotation attribute); the value and what is allowed stay the same.
	 * @param qualifiedProperty the longer name of the setting
	 * @return the new exception, caused by this one
	 */
	public InvalidConfigurationException withProperty(String qualifiedProperty) {
		InvalidConfigurationException qualified = new InvalidConfigurationException(qualifiedProperty, this.value,
				this.allowed);
		qualified.initCause(this);
		return qualified;
	}

	public String getProperty() {
		return this.property;
	}

	public @Nullable Object getValue() {
		return this.value;
	}

	public String getAllowed() {
		return this.allowed;
	}

}
