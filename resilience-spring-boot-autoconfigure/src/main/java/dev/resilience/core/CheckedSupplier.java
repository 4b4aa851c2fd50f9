package dev.resilience.core;

import org.jspecify.annotations.Nullable;

/**
 * A unit of guarded work that may throw anything, as a proxied method call may.
 *
 * @param <T> the type of the result
 * @since 0.1.0
 */
@FunctionalInterface
public interface CheckedSupplier<T extends @Nullable Object> {

	/**
	 * Runs the work.
	 * @return the result
	 * @throws Throwable any failure of the work, passed on unchanged
	 */
	T get() throws Throwable;

}
