package dev.resilience.core;

import java.time.Duration;

/**
 * Thrown to the caller when a time-limited call did not complete within its timeout.
 *
 * @since 0.1.0
 */
public class TimeLimitExceededException extends ResilienceException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	public TimeLimitExceededException(String name, Duration timeout) {
		super(name, "Time limiter '" + name + "' cut the call off after " + timeout.toMillis() + "ms");
		this.timeout = timeout;
	}

	/**
	 * Returns the timeout that was exceeded.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
