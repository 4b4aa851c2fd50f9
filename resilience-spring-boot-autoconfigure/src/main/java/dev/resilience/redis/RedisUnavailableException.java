package dev.resilience.redis;

import java.io.IOException;

/**
 * Thrown when Redis makes no decision: no connection, no answer within the timeout, or an error
 * in its answer. An {@link IOException}, so that a circuit breaker's built-in classification
 * records it as a failure.
 *
 * @since 0.2.0
 */
public class RedisUnavailableException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception for a decision Redis did not make.
	 * @param message what went wrong
	 * @param cause the failure of the client, or the timeout
	 */
	public RedisUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
