package dev.resilience.http;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpResponse;

/**
 * The failure of one attempt of a guarded HTTP exchange, as the retry and the circuit breaker of
 * its host see it: the I/O error or the response that made it fail, whether it may be retried
 * and whether the breaker counts it. It never leaves the guard: callers get the I/O error or the
 * last response.
 */
final class HttpAttemptFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable ClientHttpResponse response;

	private final @Nullable String retryAfter;

	private final boolean retryable;

	private final boolean recorded;

	private HttpAttemptFailure(@Nullable IOException cause, @Nullable ClientHttpResponse response,
			@Nullable String retryAfter, boolean retryable, boolean recorded) {
		super(null, cause, false, false);
		this.response = response;
		this.retryAfter = retryAfter;
		this.retryable = retryable;
		this.recorded = recorded;
	}

	static HttpAttemptFailure io(IOException cause, boolean retryable) {
		return new HttpAttemptFailure(cause, null, null, retryable, true);
	}

	static HttpAttemptFailure status(ClientHttpResponse response, @Nullable String retryAfter, boolean retryable,
			boolean recorded) {
		return new HttpAttemptFailure(null, response, retryAfter, retryable, recorded);
	}

	/** Returns the response that failed, or {@code null} for an I/O error. */
	@Nullable ClientHttpResponse response() {
		return this.response;
	}

	/** Returns the I/O error, or {@code null} for a failed response. */
	@Nullable IOException ioFailure() {
		return (IOException) getCause();
	}

	/** Whether the retry of the host may try again. */
	static boolean isRetryable(Throwable failure) {
		return failure instanceof HttpAttemptFailure attempt && attempt.retryable;
	}

	/**
	 * Whether the circuit breaker of the host counts the failure: connection failures, timeouts,
	 * 5xx and 429; not other 4xx, where the dependency answered and the request was wrong.
	 */
	static boolean isRecorded(Throwable failure) {
		return (failure instanceof HttpAttemptFailure attempt) ? attempt.recorded : failure instanceof IOException;
	}

	/** Returns the delay a failed response asks for with {@code Retry-After}, or -1. */
	static long retryAfterNanos(Throwable failure, long nowMillis) {
		return (failure instanceof HttpAttemptFailure attempt) ? RetryAfter.parseNanos(attempt.retryAfter, nowMillis)
				: -1;
	}

}
