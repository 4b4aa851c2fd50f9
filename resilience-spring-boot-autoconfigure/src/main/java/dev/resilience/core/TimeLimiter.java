package dev.resilience.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * A time limiter: hands control back to the caller at the timeout with a
 * {@link TimeLimitExceededException}. A synchronous call ({@link #execute}) runs on a worker
 * thread, so that the caller regains control also when the work ignores interruption (whatever
 * it returns later is discarded); with {@code cancel-running} the work is interrupted at the
 * timeout. An asynchronous call ({@link #executeAsync}) runs on the caller's thread and its
 * stage is raced against a timer of the {@link DelayScheduler}; no thread waits for it.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface TimeLimiter {

	/**
	 * Returns a new time limiter whose asynchronous calls are timed by the
	 * {@link DelayScheduler#system() shared scheduler}.
	 * @param name the instance name
	 * @param config the settings
	 * @param executor runs the work; it decides which thread-local context the work sees
	 * @param listener receives outcomes
	 * @return the time limiter
	 */
	static TimeLimiter of(String name, TimeLimiterConfig config, Executor executor, ResilienceListener listener) {
		return of(name, config, executor, DelayScheduler.system(), listener);
	}

	/**
	 * Returns a new time limiter.
	 * @param name the instance name
	 * @param config the settings
	 * @param executor runs synchronous work; it decides which thread-local context the work sees
	 * @param scheduler times asynchronous calls
	 * @param listener receives outcomes
	 * @return the time limiter
	 */
	static TimeLimiter of(String name, TimeLimiterConfig config, Executor executor, DelayScheduler scheduler,
			ResilienceListener listener) {
		return of(name, config, executor, scheduler, Clock.system(), listener);
	}

	/**
	 * Returns a new time limiter whose deadlines are measured on the given clock, the clock of
	 * every other instance of the application.
	 * @param name the instance name
	 * @param config the settings
	 * @param executor runs synchronous work; it decides which thread-local context the work sees
	 * @param scheduler times asynchronous calls
	 * @param clock measures the deadlines the time limiter sets and honours
	 * @param listener receives outcomes
	 * @return the time limiter
	 */
	static TimeLimiter of(String name, TimeLimiterConfig config, Executor executor, DelayScheduler scheduler,
			Clock clock, ResilienceListener listener) {
		return new DefaultTimeLimiter(name, config, executor, scheduler, clock, listener);
	}

	/** Returns the instance name. */
	String name();

	/** Returns the settings. */
	TimeLimiterConfig config();

	/**
	 * Runs the call on a worker thread and waits for it at most the timeout.
	 * @param <T> the type of the result
	 * @param call the call
	 * @return the call's result
	 * @throws TimeLimitExceededException if the call did not complete in time
	 * @throws Throwable the call's own failure, unchanged
	 */
	<T extends @Nullable Object> T execute(CheckedSupplier<T> call) throws Throwable;

	/**
	 * Starts an asynchronous call on the calling thread and limits the time until its stage
	 * completes. The returned future completes like the call's stage, with the failure unwrapped
	 * from any {@link java.util.concurrent.CompletionException}, or exceptionally with a
	 * {@link TimeLimitExceededException} at the timeout, counted from before the call starts;
	 * then, with {@code cancel-running}, the call's stage is cancelled (a
	 * {@link java.util.concurrent.Future} is cancelled with interruption). A call that throws, or
	 * returns {@code null}, gives a failed future. Cancelling the returned future cancels the
	 * timer and, with {@code cancel-running}, the call's stage.
	 * @param <T> the type of the result
	 * @param call starts the work and returns its stage
	 * @return a future of the call's result
	 */
	<T extends @Nullable Object> CompletableFuture<T> executeAsync(CheckedSupplier<? extends CompletionStage<T>> call);

	/**
	 * Starts limiting one call whose waiting the caller does itself (a reactive call bounded by
	 * Reactor's {@code timeout} operator, for example): the time it may take and the outcome,
	 * recorded once.
	 * @param deadline the deadline of the work the call belongs to, or {@code null} for none
	 * @return the plan of that one call
	 */
	Plan plan(@Nullable Deadline deadline);

	/**
	 * The time one call may take, fixed when it starts: the timeout, or less when the deadline of
	 * the work it belongs to comes sooner; and its outcome, counted and reported exactly once,
	 * by whichever of the work and the timer settles it first.
	 *
	 * <p>Thread-safe: the work and a timer may race to settle it.
	 */
	interface Plan {

		/**
		 * Returns the time the call may take.
		 * @return nanoseconds; zero when the deadline has passed already
		 */
		long allowedNanos();

		/**
		 * Returns the deadline of the call: the end of {@link #allowedNanos()}, which guarded
		 * calls it makes run within.
		 * @return the deadline
		 */
		Deadline deadline();

		/**
		 * Whether the work is cancelled, with interruption, at the timeout.
		 * @return the {@code cancel-running} setting
		 */
		boolean cancelRunning();

		/**
		 * Returns the exception of the call cut off at its time, naming the time it was given.
		 * @return a new exception; nothing is recorded
		 */
		TimeLimitExceededException exceeded();

		/**
		 * The call ran out of time: records a timeout unless it was settled already.
		 * @return true if this settled the call
		 */
		boolean onTimeout();

		/**
		 * The call returned in time: records a success unless it was settled already.
		 * @return true if this settled the call
		 */
		boolean onSuccess();

		/**
		 * The call failed in time: records a failure unless it was settled already.
		 * @return true if this settled the call
		 */
		boolean onFailure();

		/**
		 * The caller gave up on the call before it ended: nothing is recorded.
		 */
		void onCancel();

	}

	/**
	 * Returns the counts since start-up, or since the last {@link #reset()}.
	 * @return the metrics
	 */
	Metrics metrics();

	/**
	 * Sets the counts back to zero, as if the time limiter had just been created; meant for tests
	 * that share an application context. Calls running meanwhile go on and are counted when they
	 * end, before or after the reset.
	 * @since 0.3.0
	 */
	void reset();

	/**
	 * Counts of time-limited calls since start-up.
	 *
	 * @param successful calls that returned in time
	 * @param failed calls that failed in time
	 * @param timedOut calls cut off at the timeout
	 */
	record Metrics(long successful, long failed, long timedOut) {
	}

}
