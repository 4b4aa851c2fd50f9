package dev.resilience.http;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;

/**
 * The failure of one attempt of a guarded HTTP exchange, as the retry and the circuit breaker of
 * its host see it: the transport error or the response that made it fail, whether it may be
 * retried and whether the breaker counts it. The one classification of the HTTP guards, blocking
 * and reactive alike. It never leaves a guard: callers get the transport error or the last
 * response.
 */
final class HttpAttemptFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Object response;

	private final @Nullable String retryAfter;

	private final boolean retryable;

	private final boolean recorded;

	private HttpAttemptFailure(@Nullable Throwable cause, @Nullable Object response, @Nullable String retryAfter,
			boolean retryable, boolean recorded) {
		super(null, cause, false, false);
		this.response = response;
		this.retryAfter = retryAfter;
		this.retryable = retryable;
		this.recorded = recorded;
	}

	/**
	 * Classifies a request that got no response (refused, reset, timed out). The breaker counts
	 * it; it is retried when the request may be repeated or when it was never sent, whatever its
	 * method.
	 * @param cause the transport error
	 * @param repeatable whether the request may be sent again after its response was lost
	 * @return the failure
	 */
	static HttpAttemptFailure transport(Throwable cause, boolean repeatable) {
		return new HttpAttemptFailure(cause, null, null, repeatable || ConnectionFailures.beforeSending(cause), true);
	}

	/**
	 * Classifies a response: the breaker counts 5xx and 429, not other 4xx, where the dependency
	 * answered and the request was wrong; it is retried when the policy retries its status.
	 * @param status the status code
	 * @param response the response, handed back to the client when retries end
	 * @param retryAfter the {@code Retry-After} header of the response, if any
	 * @param retryStatus whether the request may be repeated and its status is one to retry
	 * @return the failure, or {@code null} when the response is a success for both
	 */
	static @Nullable HttpAttemptFailure status(int status, Object response, @Nullable String retryAfter,
			boolean retryStatus) {
		boolean recorded = status >= 500 || status == 429;
		if (!recorded && !retryStatus) {
			return null;
		}
		return new HttpAttemptFailure(null, response, retryAfter, retryStatus, recorded);
	}

	/**
	 * Reports the outcome of an attempt to the breaker of its host.
	 * @param permit the permit of the attempt
	 * @param nanos how long the attempt took
	 * @param failure the failure of the attempt, or {@code null} for a success
	 */
	static void report(CircuitBreaker.Permit permit, long nanos, @Nullable HttpAttemptFailure failure) {
		if (failure != null && failure.recorded) {
			permit.onError(nanos, failure);
		}
		else {
			permit.onSuccess(nanos);
		}
	}

	/** Returns the response that failed, or {@code null} for a transport error. */
	@Nullable Object response() {
		return this.response;
	}

	/** Whether the retry of the host may try again after the failure. */
	static boolean isRetryable(Throwable failure) {
		return failure instanceof HttpAttemptFailure attempt && attempt.retryable;
	}

	/**
	 * Whether the circuit breaker of the host counts the failure: connection failures, timeouts,
	 * 5xx and 429; not other 4xx, where the dependency answered and the request was wrong. A
	 * failure the guard did not classify counts when it, or one of its causes, is an I/O error.
	 */
	static boolean isRecorded(Throwable failure) {
		return (failure instanceof HttpAttemptFailure attempt) ? attempt.recorded
				: ConnectionFailures.isTransport(failure);
	}

	/** Returns the delay a failed response asks for with {@code Retry-After}, or -1. */
	static long retryAfterNanos(Throwable failure, long nowMillis) {
		return (failure instanceof HttpAttemptFailure attempt) ? RetryAfter.parseNanos(attempt.retryAfter, nowMillis)
				: -1;
	}

}
