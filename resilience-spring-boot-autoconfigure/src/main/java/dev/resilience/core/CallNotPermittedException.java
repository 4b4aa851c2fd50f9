package dev.resilience.core;

/**
 * Thrown instead of running a call when a circuit breaker is open, forced open, or has handed out
 * all its half-open trial permits. Never retried.
 *
 * <p>Carries no stack trace: it is thrown often while a breaker is open, and where it was thrown
 * is always the same.
 *
 * @since 0.1.0
 */
public class CallNotPermittedException extends ResilienceException {

	private static final long serialVersionUID = 1L;

	public CallNotPermittedException(String name, CircuitBreaker.State state) {
		super(name, "Circuit breaker '" + name + "' is " + state + " and does not permit further calls");
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
