package dev.resilience.core;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DelayScheduler} over a {@link ScheduledExecutorService} that only keeps time: when a
 * delay has passed, the task is handed to a worker executor and runs there, so that no task (a
 * retried attempt, a fallback, the callbacks of a timed-out stage) can hold up the timers of
 * other calls.
 *
 * <p>Thread-safe, as the executors are.
 */
final class ExecutorDelayScheduler implements DelayScheduler {

	/** Prefix of the names of the threads of {@link #createExecutor()}, followed by a number from 1. */
	static final String THREAD_NAME_PREFIX = "resilience-scheduler-";

	private static final long KEEP_ALIVE_SECONDS = 60;

	private final ScheduledExecutorService timer;

	private final Executor worker;

	ExecutorDelayScheduler(ScheduledExecutorService timer, Executor worker) {
		this.timer = timer;
		this.worker = worker;
	}

	@Override
	public Cancellable schedule(Runnable task, long delayNanos) {
		ScheduledFuture<?> scheduled = this.timer.schedule(() -> handOver(task), Math.max(0, delayNanos),
				TimeUnit.NANOSECONDS);
		return () -> scheduled.cancel(false);
	}

	private void handOver(Runnable task) {
		try {
			this.worker.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// The workers are shut down (the application is stopping): a task that never ran would
			// leave its caller waiting forever, so it runs here.
			task.run();
		}
	}

	static ScheduledExecutorService createExecutor() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
				Math.max(2, Runtime.getRuntime().availableProcessors()), new NamedDaemonThreads(THREAD_NAME_PREFIX));
		// Timers of calls that ended in time are cancelled: drop them rather than keep them queued
		// until they would have fired.
		executor.setRemoveOnCancelPolicy(true);
		executor.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Holds the shared scheduler and its workers, created on first use.
	 */
	static final class Shared {

		static final Executor WORKERS = TimeLimiterExecutors.create();

		static final DelayScheduler INSTANCE = new ExecutorDelayScheduler(createExecutor(), WORKERS);

		private Shared() {
		}

	}

}
