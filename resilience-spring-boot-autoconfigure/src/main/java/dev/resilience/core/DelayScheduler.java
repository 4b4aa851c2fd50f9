package dev.resilience.core;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a task once after a delay without blocking the thread that asks: asynchronous retries
 * wait on it between attempts, and asynchronous time limits use it to cut a call off at its
 * timeout.
 *
 * <p>Tasks run on the scheduler's threads and should be short; they carry no thread-local
 * context of their own, callers restore what their work needs. Tests inject a scheduler that
 * runs its tasks when a manual clock moves, so that no test waits for real time.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface DelayScheduler {

	/**
	 * Runs a task once, after a delay.
	 * @param task the task
	 * @param delayNanos the delay in nanoseconds; zero or negative runs the task as soon as
	 * possible, but never on the calling thread during this call
	 * @return a handle that cancels the task if it has not started yet
	 * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
	 */
	Cancellable schedule(Runnable task, long delayNanos);

	/**
	 * Returns a scheduler that runs its tasks on the given executor. The caller keeps owning the
	 * executor and shuts it down.
	 * @param executor the executor
	 * @return the scheduler
	 */
	static DelayScheduler of(ScheduledExecutorService executor) {
		return new ExecutorDelayScheduler(executor);
	}

	/**
	 * Returns the scheduler shared by instances created without one: a pool from
	 * {@link #createExecutor()}, started on first use, whose daemon threads end when idle.
	 * @return the shared scheduler
	 */
	static DelayScheduler system() {
		return ExecutorDelayScheduler.Shared.INSTANCE;
	}

	/**
	 * Returns a new executor for {@link #of(ScheduledExecutorService)}: a pool of daemon threads
	 * named {@code resilience-scheduler-N}, one per processor and at least two, that end after a
	 * minute without work and drop cancelled tasks at once.
	 * @return a new executor, owned by the caller
	 */
	static ScheduledExecutorService createExecutor() {
		return ExecutorDelayScheduler.createExecutor();
	}

	/**
	 * Cancels a scheduled task.
	 */
	@FunctionalInterface
	interface Cancellable {

		/**
		 * Cancels the task if it has not started yet; does nothing otherwise.
		 */
		void cancel();

	}

}
