package dev.resilience.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

import dev.resilience.core.Faults;

/**
 * The faults that guarded calls inject: the {@link Faults} bean while
 * {@code resilience.faults.enabled} is {@code true}, and none otherwise, even where a
 * {@code Faults} bean exists (one from a shared test configuration, say): faults are never on
 * unless the property says so.
 */
final class EnabledFaults {

	static final String PROPERTY = "resilience.faults.enabled";

	private EnabledFaults() {
	}

	static @Nullable Faults of(Environment environment, ObjectProvider<Faults> faults) {
		return isEnabled(environment) ? faults.getIfAvailable() : null;
	}

	static boolean isEnabled(Environment environment) {
		return environment.getProperty(PROPERTY, Boolean.class, false);
	}

}
