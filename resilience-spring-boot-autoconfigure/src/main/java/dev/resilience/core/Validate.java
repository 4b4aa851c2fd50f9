package dev.resilience.core;

import java.time.Duration;

/**
 * Range checks shared by the configuration builders; each failure names the setting, the value
 * and what is allowed.
 */
final class Validate {

	private Validate() {
	}

	static int atLeast(String property, int value, int minimum) {
		if (value < minimum) {
			throw new InvalidConfigurationException(property, value, "an integer of at least " + minimum);
		}
		return value;
	}

	static double percent(String property, double value) {
		if (!(value > 0 && value <= 100)) {
			throw new InvalidConfigurationException(property, value, "a percentage greater than 0 and at most 100");
		}
		return value;
	}

	static double between(String property, double value, double minimum, double maximum) {
		if (!(value >= minimum && value <= maximum)) {
			throw new InvalidConfigurationException(property, value,
					"a number from " + minimum + " to " + maximum);
		}
		return value;
	}

	static double atLeast(String property, double value, double minimum) {
		if (!(value >= minimum) || Double.isInfinite(value)) {
			throw new InvalidConfigurationException(property, value, "a finite number of at least " + minimum);
		}
		return value;
	}

	static Duration positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationException(property, value, "a positive duration");
		}
		return value;
	}

	static Duration notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidConfigurationException(property, value, "a duration of zero or more");
		}
		return value;
	}

}
