package dev.resilience.core;

import java.util.List;

/**
 * An immutable set of exception types that matches a failure of one of them or of a subclass.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ExceptionMatcher {

	private static final ExceptionMatcher NONE = new ExceptionMatcher(List.of());

	private final Class<? extends Throwable>[] types;

	@SuppressWarnings("unchecked")
	private ExceptionMatcher(List<Class<? extends Throwable>> types) {
		this.types = types.toArray(new Class[0]);
	}

	/**
	 * Returns a matcher of the given types.
	 * @param types the exception types, subclasses included
	 * @return the matcher
	 */
	public static ExceptionMatcher of(List<Class<? extends Throwable>> types) {
		return types.isEmpty() ? NONE : new ExceptionMatcher(List.copyOf(types));
	}

	/**
	 * Returns a matcher that matches nothing.
	 * @return the empty matcher
	 */
	public static ExceptionMatcher none() {
		return NONE;
	}

	/**
	 * Whether the failure is an instance of one of the types.
	 * @param failure the failure
	 * @return true if it matches
	 */
	public boolean matches(Throwable failure) {
		for (Class<? extends Throwable> type : this.types) {
			if (type.isInstance(failure)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether this matcher has no types.
	 * @return true if it matches nothing
	 */
	public boolean isEmpty() {
		return this.types.length == 0;
	}

	/**
	 * Returns the types, in the order given.
	 * @return the types
	 */
	public List<Class<? extends Throwable>> types() {
		return List.of(this.types);
	}

	@Override
	public String toString() {
		return types().toString();
	}

}
