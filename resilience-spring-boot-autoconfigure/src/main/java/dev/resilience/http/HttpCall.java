package dev.resilience.http;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Deadline;
import dev.resilience.pipeline.Attempts;

/**
 * One guarded request of an HTTP client guard, as the stages see it: the same request is sent
 * once per attempt, and keeps what the attempts share.
 */
interface HttpCall {

	/** The attempts of any guarded request. */
	Attempts<HttpCall> ATTEMPTS = new HttpCallAttempts();

	/**
	 * Sends the request once. A failure the guard classified comes as an
	 * {@link HttpAttemptFailure}; any other failure as it was.
	 * @return the response, or for a reactive client a {@code Mono} of it
	 * @throws IOException a transport failure the guard did not classify
	 */
	Object send() throws IOException;

	/**
	 * Returns the deadline of the request, whose remaining time it sends.
	 * @return the deadline, or {@code null}
	 */
	@Nullable Deadline deadline();

	/**
	 * Returns the failure of the response the last attempt returned: counted by the breaker, not
	 * retried.
	 * @return the failure, or {@code null} when the response was a success
	 */
	@Nullable HttpAttemptFailure answered();

	/**
	 * Lets go of a response that is retried.
	 * @param response the response
	 */
	void release(Object response);

	/**
	 * The attempts of a request: each sends it again; a response that is retried is released
	 * before the delay of an asynchronous retry.
	 */
	final class HttpCallAttempts implements Attempts<HttpCall> {

		private HttpCallAttempts() {
		}

		@Override
		public Object proceed(HttpCall call) throws IOException {
			return call.send();
		}

		@Override
		public HttpCall copy(HttpCall call) {
			return call;
		}

		@Override
		public @Nullable Deadline deadline(HttpCall call) {
			return call.deadline();
		}

		@Override
		public void beforeRetry(HttpCall call, Throwable failure) {
			Object response = (failure instanceof HttpAttemptFailure attempt) ? attempt.response() : null;
			if (response != null) {
				call.release(response);
			}
		}

		@Override
		public void report(HttpCall call, @Nullable Object result, CircuitBreaker.Permit permit, long nanos) {
			if (result == null) {
				// a reactive exchange that completed empty: no response, no outcome
				permit.release();
			}
			else {
				HttpAttemptFailure.report(permit, nanos, call.answered());
			}
		}

	}

}
