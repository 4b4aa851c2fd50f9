package dev.resilience.core;

import java.util.function.Predicate;

/**
 * Walks a failure and its causes, as Spring Framework 7's {@code includes} and
 * {@code excludes} do, so that a wrapped failure ({@code UncheckedIOException}, a
 * {@code CompletionException}, a client's own exception) is seen for what it carries.
 *
 * <p>A cycle of causes ({@code a -> b -> a}, or a failure that is its own cause) ends the walk:
 * a second reference follows the chain at half speed and the walk stops when the first one
 * meets it (Floyd's cycle detection), so the walk takes no lock and allocates nothing, however
 * long the chain. A failure inside a cycle may be tested more than once.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Causes {

	private Causes() {
	}

	/**
	 * Whether the failure or one of its causes passes the test.
	 * @param failure the failure
	 * @param test the test of one failure, its causes not included
	 * @return true if the failure or a cause passes
	 */
	public static boolean anyMatch(Throwable failure, Predicate<? super Throwable> test) {
		Throwable behind = failure;
		boolean moveBehind = false;
		for (Throwable cause = failure; cause != null;) {
			if (test.test(cause)) {
				return true;
			}
			cause = cause.getCause();
			if (moveBehind) {
				behind = behind.getCause();
			}
			moveBehind = !moveBehind;
			if (cause == behind) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Returns a predicate that accepts a failure when it or one of its causes passes the test.
	 * @param test the test of one failure, its causes not included
	 * @return the predicate over the failure and its causes
	 */
	public static Predicate<Throwable> anyMatch(Predicate<? super Throwable> test) {
		return (failure) -> anyMatch(failure, test);
	}

}
