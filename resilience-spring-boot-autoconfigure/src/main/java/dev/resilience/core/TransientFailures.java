package dev.resilience.core;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The built-in classification of transient failures, those worth retrying and recording: I/O
 * errors and timeouts, found in the failure or in one of its causes (so an
 * {@code UncheckedIOException} or a wrapped {@code SocketTimeoutException} is transient; a cycle
 * of causes ends the walk, see {@link Causes}). Layers that know more failure types (Spring's
 * data-access and HTTP exceptions) add them to {@link #types()} and walk the causes once with
 * {@link Causes#anyMatch(Predicate)}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class TransientFailures {

	private static final Predicate<Throwable> TYPES = (failure) -> failure instanceof IOException
			|| failure instanceof TimeoutException || failure instanceof TimeLimitExceededException;

	private static final Predicate<Throwable> DEFAULT = Causes.anyMatch(TYPES);

	private TransientFailures() {
	}

	/**
	 * Returns the built-in classification: a failure that is, or is caused by, an
	 * {@link IOException}, a {@link TimeoutException} or a {@link TimeLimitExceededException},
	 * subclasses included.
	 * @return the predicate that accepts transient failures
	 */
	public static Predicate<Throwable> defaults() {
		return DEFAULT;
	}

	/**
	 * Returns the test of one failure against the built-in transient types, its causes not
	 * included: {@link IOException}, {@link TimeoutException} and
	 * {@link TimeLimitExceededException}, subclasses included.
	 * @return the predicate that accepts a failure of a transient type
	 */
	public static Predicate<Throwable> types() {
		return TYPES;
	}

}
