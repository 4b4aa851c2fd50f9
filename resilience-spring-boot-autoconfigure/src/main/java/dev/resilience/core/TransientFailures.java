package dev.resilience.core;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The built-in classification of transient failures, those worth retrying and recording: I/O
 * errors and timeouts. Layers that know more failure types (Spring's data-access and HTTP
 * exceptions) extend it with {@link Predicate#or}.
 *
 * @since 0.1.0
 */
public final class TransientFailures {

	private static final Predicate<Throwable> DEFAULT = (failure) -> failure instanceof IOException
			|| failure instanceof TimeoutException || failure instanceof TimeLimitExceededException;

	private TransientFailures() {
	}

	/**
	 * Returns the built-in classification: {@link IOException}, {@link TimeoutException} and
	 * {@link TimeLimitExceededException}, subclasses included.
	 * @return the predicate that accepts transient failures
	 */
	public static Predicate<Throwable> defaults() {
		return DEFAULT;
	}

}
