package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Deadline;

/**
 * What the stages need from the call they guard, whatever it is: a method invocation, an HTTP
 * exchange. A stage passes the call on and asks this for the rest: to run one attempt, to copy
 * the call for another attempt, and the hooks of calls whose attempts hold resources or return
 * failures.
 *
 * <p>Implementations are immutable and thread-safe; per-call state lives in the call.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public interface Attempts<C> {

	/**
	 * Runs one attempt of the call.
	 * @param call the call, proceeded at most once unless {@link #copy} returns it itself
	 * @return what the attempt returned
	 * @throws Throwable the failure of the attempt
	 */
	@Nullable Object proceed(C call) throws Throwable;

	/**
	 * Returns a call for another attempt, or another subscription of a publisher.
	 * @param call a call that has not proceeded, or the {@link #template} of one
	 * @return a call that may proceed
	 */
	C copy(C call);

	/**
	 * Returns what the attempts after the first are copied from, taken before the first
	 * proceeds: the call itself when a copy of a call that has proceeded is as good.
	 * @param call the call, not yet proceeded
	 * @return the template
	 */
	default C template(C call) {
		return call;
	}

	/**
	 * Returns the deadline the call runs within, which the deadline stage checks before each
	 * attempt.
	 * @param call the call
	 * @return the deadline, or {@code null} for none; by default the thread's
	 */
	default @Nullable Deadline deadline(C call) {
		return Deadline.current();
	}

	/**
	 * Called by an asynchronous retry when a failed attempt is about to be retried, before the
	 * delay: lets go of what the failed attempt holds, such as the response to a request. (A
	 * synchronous call can do so when its next attempt starts.)
	 * @param call the call
	 * @param failure the failure of the attempt
	 */
	default void beforeRetry(C call, Throwable failure) {
	}

	/**
	 * Reports an attempt that returned to the circuit breaker it passed: a success unless the
	 * call knows the result stands for a failure, or for no outcome at all.
	 * @param call the call
	 * @param result what the attempt returned
	 * @param permit the permit of the attempt, to be settled
	 * @param nanos how long the attempt took
	 */
	default void report(C call, @Nullable Object result, CircuitBreaker.Permit permit, long nanos) {
		permit.onSuccess(nanos);
	}

}
