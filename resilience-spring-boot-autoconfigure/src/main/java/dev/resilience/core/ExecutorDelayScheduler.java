package dev.resilience.core;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DelayScheduler} over a {@link ScheduledExecutorService}.
 *
 * <p>Thread-safe, as the executor is.
 */
final class ExecutorDelayScheduler implements DelayScheduler {

	/** Prefix of the names of the threads of {@link #createExecutor()}, followed by a number from 1. */
	static final String THREAD_NAME_PREFIX = "resilience-scheduler-";

	private static final long KEEP_ALIVE_SECONDS = 60;

	private final ScheduledExecutorService executor;

	ExecutorDelayScheduler(ScheduledExecutorService executor) {
		this.executor = executor;
	}

	@Override
	public Cancellable schedule(Runnable task, long delayNanos) {
		ScheduledFuture<?> scheduled = this.executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
		return () -> scheduled.cancel(false);
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
	 * Holds the shared scheduler, created on first use.
	 */
	static final class Shared {

		static final DelayScheduler INSTANCE = new ExecutorDelayScheduler(createExecutor());

		private Shared() {
		}

	}

}
