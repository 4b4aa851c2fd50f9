package dev.resilience.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a task once after a delay without blocking the thread that asks: asynchronous retries
 * wait on it between attempts, and asynchronous time limits use it to cut a call off at its
 * timeout.
 *
 * <p>The scheduler's own threads only keep time: a task runs on a worker thread once its delay
 * has passed, so that user code (an attempt, a fallback, what depends on a timed-out stage) never
 * holds up the timers of other calls. Tasks carry no thread-local context of their own; callers
 * restore what their work needs. Tests inject a scheduler that runs its tasks when a manual clock
 * moves, so that no test waits for real time.
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
	 * Returns a scheduler that keeps time on the given executor and runs its tasks on the
	 * {@link #system() shared scheduler's} workers. The caller keeps owning the executor and
	 * shuts it down.
	 * @param timer keeps time
	 * @return the scheduler
	 */
	static DelayScheduler of(ScheduledExecutorService timer) {
		return of(timer, ExecutorDelayScheduler.Shared.WORKERS);
	}

	/**
	 * Returns a scheduler that keeps time on one executor and runs its tasks on another. The
	 * caller keeps owning both and shuts them down.
	 * @param timer keeps time; runs nothing but the hand-over of each task to the workers
	 * @param workers run the tasks; a worker should never refuse one while the application runs
	 * @return the scheduler
	 */
	static DelayScheduler of(ScheduledExecutorService timer, Executor workers) {
		return new ExecutorDelayScheduler(timer, workers);
	}

	/**
	 * Returns the scheduler shared by instances created without one: a pool from
	 * {@link #createExecutor()} that keeps time and a pool from {@link TimeLimiterExecutors#create()}
	 * that runs the tasks, started on first use, whose daemon threads end when idle.
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
