package dev.resilience.test;

import org.assertj.core.api.AbstractAssert;

/**
 * The base of the assertions over one instance of the registry: checks a count or value read from
 * the instance's public state and, when it differs, fails with a message that names the instance,
 * the expected and the actual value, and the instance's metrics.
 *
 * @param <SELF> the assertion's own type
 * @param <ACTUAL> the instance's type
 */
abstract class AbstractInstanceAssert<SELF extends AbstractInstanceAssert<SELF, ACTUAL>, ACTUAL>
		extends AbstractAssert<SELF, ACTUAL> {

	AbstractInstanceAssert(ACTUAL actual, Class<?> selfType) {
		super(actual, selfType);
	}

	/** Returns the instance as a message names it, such as {@code circuit breaker 'inventory'}. */
	abstract String instance();

	/** Returns the instance's metrics as a message shows them. */
	abstract String metrics();

	/**
	 * Checks one value.
	 * @param what what the value counts, such as {@code retry attempts}
	 * @param expected the value expected
	 * @param actual the value read from the instance
	 * @return this assertion
	 */
	final SELF has(String what, long expected, long actual) {
		isNotNull();
		if (expected != actual) {
			fail("Expecting %s to have %s %s but had %s%n(%s)", instance(), expected, what, actual, metrics());
		}
		return this.myself;
	}

	/**
	 * Checks that a value is at least the given one.
	 * @param what what the value counts
	 * @param minimum the least value expected
	 * @param actual the value read from the instance
	 * @return this assertion
	 */
	final SELF hasAtLeast(String what, long minimum, long actual) {
		isNotNull();
		if (actual < minimum) {
			fail("Expecting %s to have at least %s %s but had %s%n(%s)", instance(), minimum, what, actual, metrics());
		}
		return this.myself;
	}

	/** Fails with a message whose arguments are formatted apart from the pattern, so a name may hold a '%'. */
	final void fail(String pattern, Object... arguments) {
		failWithMessage("%s", String.format(pattern, arguments));
	}

}
