package dev.resilience.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * One attempt of a synchronous hedged call, run on a worker thread: completes with what the
 * attempt returns or throws, and, when cancelled with interruption, interrupts the worker while
 * it runs the attempt and never after.
 *
 * <p>Thread-safe: the worker that runs it and the threads that cancel it meet on its lock.
 *
 * @param <T> the type of the result
 */
final class WorkerAttempt<T extends @Nullable Object> extends CompletableFuture<T> implements Runnable {

	private final CheckedSupplier<T> attempt;

	private @Nullable Thread runner;

	private boolean interrupted;

	private WorkerAttempt(CheckedSupplier<T> attempt) {
		this.attempt = attempt;
	}

	/**
	 * Starts an attempt on the executor.
	 * @param <T> the type of the result
	 * @param attempt the attempt
	 * @param executor runs it
	 * @return the started attempt; failed with a {@link RejectedExecutionException} if the
	 * executor refused it
	 */
	static <T extends @Nullable Object> WorkerAttempt<T> start(CheckedSupplier<T> attempt, Executor executor) {
		WorkerAttempt<T> started = new WorkerAttempt<>(attempt);
		try {
			executor.execute(started);
		}
		catch (RejectedExecutionException ex) {
			started.completeExceptionally(ex);
		}
		return started;
	}

	@Override
	public void run() {
		synchronized (this) {
			if (isDone()) {
				return;
			}
			this.runner = Thread.currentThread();
		}
		try {
			complete(this.attempt.get());
		}
		catch (Throwable ex) {
			completeExceptionally(ex);
		}
		finally {
			boolean clear;
			synchronized (this) {
				this.runner = null;
				clear = this.interrupted;
			}
			if (clear) {
				// the interrupt was meant for this attempt only, not for the worker's next task
				Thread.interrupted();
			}
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled && mayInterruptIfRunning) {
			synchronized (this) {
				Thread runner = this.runner;
				if (runner != null) {
					this.interrupted = true;
					runner.interrupt();
				}
			}
		}
		return cancelled;
	}

}
