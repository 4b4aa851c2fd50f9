package dev.resilience.core;

/**
 * Thrown instead of running a call when a concurrency limit has no free slot, or a rate limiter no
 * turn, within the time the call may wait. The call did nothing: it is never retried, a circuit
 * breaker records it as neither a success nor a failure, and it reaches the fallback.
 *
 * <p>Carries no stack trace: it is thrown often under overload, and where it was thrown is always
 * the same.
 *
 * @since 0.2.0
 */
public class LimitExceededException extends ResilienceException {

	private static final long serialVersionUID = 1L;

	private final int limit;

	/**
	 * Creates an exception for a refused call.
	 * @param name the name of the concurrency limit or rate limiter
	 * @param limit the limit in force when the call was refused
	 * @param message what was exceeded
	 */
	public LimitExceededException(String name, int limit, String message) {
		super(name, message);
		this.limit = limit;
	}

	/**
	 * Returns the limit in force when the call was refused; for an adaptive concurrency limit,
	 * its value at that moment.
	 * @return the limit
	 */
	public int getLimit() {
		return this.limit;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
