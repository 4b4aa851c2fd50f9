package dev.resilience.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.micrometer.context.ContextSnapshot;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.Deadline;
import dev.resilience.core.Hedge;
import dev.resilience.core.TimeLimiter;

/**
 * The few operations the policies need on one asynchronous return type: start work, watch its
 * outcome, recover from its failure, wait, and bound its time. Chosen once per method at
 * start-up, so that each policy has one asynchronous stage whatever the
 * type: {@link CompletionStageType} for {@code CompletionStage} and {@code CompletableFuture},
 * {@link ReactorType} for {@code Mono} and {@code Flux}.
 *
 * <p>Results are the type's working form, which the stages pass to each other: a
 * {@code CompletableFuture} that has started, or a {@code Flux} that starts at each
 * subscription. Only {@link #toReturnType} gives the form the method declares.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface AsyncType {

	/**
	 * Returns a result whose work runs now (a future) or at each subscription (a publisher);
	 * work that throws gives a failed result.
	 * @param work returns a result of this type
	 * @return the result
	 */
	Object defer(CheckedSupplier<Object> work);

	/**
	 * Like {@link #defer}, with the thread-local context of the snapshot set while the work runs
	 * and, for a publisher, while what it returns is subscribed to.
	 * @param context the thread-local context, captured on the caller's thread
	 * @param work returns a result of this type
	 * @return the result
	 */
	Object deferWith(ContextSnapshot context, CheckedSupplier<Object> work);

	/**
	 * Like {@link #defer}, with the given deadline, or the one the work already has when that
	 * comes sooner, current while the work runs and, for a publisher, in its subscriber context,
	 * where nested guarded publishers read it.
	 * @param deadline the deadline, or {@code null} to leave the work's own as it is
	 * @param work returns a result of this type
	 * @return the result
	 */
	Object deferWithin(@Nullable Deadline deadline, CheckedSupplier<Object> work);

	/**
	 * Turns what the method returned into a result.
	 * @param returned the method's return value, not {@code null}
	 * @return the result
	 */
	Object adapt(Object returned);

	/**
	 * Returns a result that fails.
	 * @param failure the failure
	 * @return the failed result
	 */
	Object failed(Throwable failure);

	/**
	 * Turns what a fallback method returned, the plain value or this type, into a result.
	 * @param returned the fallback's return value
	 * @return the result
	 */
	Object fromFallback(@Nullable Object returned);

	/**
	 * Whether a fallback method returning this type answers in this type rather than with the
	 * plain value.
	 * @param type the fallback method's return type
	 * @return true for this type and its subtypes
	 */
	boolean isWrapper(Class<?> type);

	/**
	 * Reports the outcome of a result: success when a stage completes normally, when a
	 * {@code Mono} emits its value or completes empty, when a {@code Flux} completes.
	 * @param result the result
	 * @param outcome told of the first outcome only, once per future or per subscription of a
	 * publisher
	 * @return a result that completes after the outcome was reported, as the given one does
	 */
	Object watch(Object result, OutcomeListener outcome);

	/**
	 * Answers a failure of a result with another result.
	 * @param result the result
	 * @param recovery gives the result that replaces the failed one
	 * @return a result that completes as the given one, or as the recovery's when it fails
	 */
	Object recover(Object result, Recovery recovery);

	/**
	 * Returns a result that runs the work after a delay on the scheduler, blocking no thread.
	 * @param delayNanos the delay
	 * @param work returns a result of this type
	 * @return the result
	 */
	Object delay(long delayNanos, CheckedSupplier<Object> work);

	/**
	 * Like {@link #delay}, with the thread-local context of the snapshot set while the work runs
	 * (on a scheduler thread, after the delay) and, for a publisher, while what it returns is
	 * subscribed to.
	 * @param context the thread-local context, captured on the caller's thread
	 * @param delayNanos the delay
	 * @param work returns a result of this type
	 * @return the result
	 */
	default Object delayWith(ContextSnapshot context, long delayNanos, CheckedSupplier<Object> work) {
		return delay(delayNanos, () -> deferWith(context, work));
	}

	/**
	 * Returns a result that runs the work with the gate's value once the gate completes (on the
	 * thread that completes it), and fails as the gate fails, blocking no thread meanwhile.
	 * Cancelling the result before the work started cancels the gate; a value that the gate
	 * yields all the same goes to {@code abandoned}, so that what it stands for (a slot) is never
	 * lost.
	 * @param <T> the type of the gate's value
	 * @param gate completes when the work may start
	 * @param work returns a result of this type, given the gate's value
	 * @param abandoned takes a value the work never received
	 * @return the result
	 */
	<T> Object whenReady(CompletableFuture<T> gate, Continuation<T> work, Consumer<? super T> abandoned);

	/**
	 * Runs the work with the time limiter's timeout: at the timeout the result fails with a
	 * {@link dev.resilience.core.TimeLimitExceededException}; the limiter counts the outcome.
	 * @param limiter the time limiter
	 * @param work returns a result of this type
	 * @return the result
	 */
	Object timeLimit(TimeLimiter limiter, CheckedSupplier<Object> work);

	/**
	 * Runs the attempts of a hedged call, blocking no thread: the first attempt now (at
	 * subscription for a publisher), each next one when the hedge sends it. An attempt answers
	 * with its first outcome: a future when it completes; a {@code Mono} with its value, its
	 * empty completion or its error; a {@code Flux} with its first element, its completion or its
	 * error. The first attempt that answers without an error wins: the result completes as it
	 * does (a {@code Flux} streams on from the winner), and the other attempts are cancelled and
	 * never reach the caller. When every attempt sent failed, the result fails with the failure
	 * of the attempt that failed last. Cancelling the result (its subscription) cancels every
	 * attempt and the hedges still to come.
	 * @param hedge the hedge, which sends the attempts and counts the call
	 * @param attempt starts attempt number {@code n} (1 for the first) and returns its result of
	 * this type
	 * @return the result
	 */
	Object hedge(Hedge hedge, IntFunction<Object> attempt);

	/**
	 * Turns a result into the type the method declares.
	 * @param result the result
	 * @return what the proxy returns to the caller
	 */
	Object toReturnType(Object result);

	/**
	 * Told how a result ended.
	 */
	interface OutcomeListener {

		/**
		 * The result completed normally.
		 * @param value the value of a future or of a {@code Mono}, or {@code null} for an empty
		 * {@code Mono} and for a {@code Flux}
		 */
		void onSuccess(@Nullable Object value);

		/**
		 * The result failed.
		 * @param failure its failure, unwrapped
		 */
		void onError(Throwable failure);

		/** The subscriber cancelled, or the stage was cancelled, before an outcome. */
		void onCancel();

	}

	/**
	 * Work that starts with the value of a gate.
	 *
	 * @param <T> the type of the value
	 */
	@FunctionalInterface
	interface Continuation<T> {

		/**
		 * Starts the work.
		 * @param value the gate's value
		 * @return a result of the type
		 * @throws Throwable a failure of the work
		 */
		Object run(T value) throws Throwable;

	}

	/**
	 * Replaces a failed result.
	 */
	@FunctionalInterface
	interface Recovery {

		/**
		 * Returns the result that replaces the failed one.
		 * @param failure the failure, unwrapped
		 * @return a result of the type
		 * @throws Throwable a failure that replaces the given one
		 */
		Object recover(Throwable failure) throws Throwable;

	}

}
