package dev.resilience.core;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import org.jspecify.annotations.Nullable;

/**
 * One synchronous call of a {@link DefaultTimeLimiter}: the work that runs on a worker thread and
 * the outcome its caller waits for, a lighter {@link java.util.concurrent.FutureTask} for exactly
 * one waiting thread, the one that created it.
 *
 * <p>The worker {@linkplain #run() runs} the work with the call's {@link Deadline} current and
 * publishes its value or failure; the caller {@linkplain #await() waits} for it until the
 * deadline, first by spinning briefly, since a time-limited call is often over in microseconds,
 * then parked in the synchronizer's queue (which times the wait, as a timed
 * {@code Future.get} does; the time left is read from the deadline, on the limiter's clock). Whoever
 * comes first settles the call: the work by completing, the caller by {@linkplain #cancel(boolean)
 * cancelling} at its timeout or when it is interrupted. An outcome that comes after the call was
 * cancelled is dropped, never seen by the caller.
 *
 * <p>Thread-safe: the state, the synchronizer's, moves forward by atomic updates only; the value
 * and the failure are written before the state that publishes them.
 */
@SuppressWarnings("serial") // never serialized
final class TimeLimitedCall<T extends @Nullable Object> extends AbstractQueuedSynchronizer implements Runnable {

	/** Not started yet. */
	private static final int NEW = 0;

	/** A worker runs the work. */
	private static final int RUNNING = 1;

	/** The work completed, normally or not; the value or the failure is set. */
	private static final int DONE = 2;

	/** Cancelled with {@code cancel-running}: the canceller is interrupting the worker. */
	private static final int INTERRUPTING = 3;

	/** Cancelled: the caller has left and no outcome will ever be read. */
	private static final int CANCELLED = 4;

	/** How often the caller checks for the outcome before it parks; a few microseconds. */
	private static final int SPINS = 1024;

	private final CheckedSupplier<T> work;

	private final Deadline deadline;

	/** The worker, written before the state becomes {@link #RUNNING}, which publishes it. */
	private @Nullable Thread runner;

	/** Published by the state {@link #DONE}. */
	private @Nullable T value;

	/** Published by the state {@link #DONE}. */
	private @Nullable Throwable failure;

	/**
	 * Creates a call.
	 * @param work what runs on the worker
	 * @param deadline the call's deadline: the caller waits until it passes, and it is current
	 * on the worker while the work runs, so that calls the work makes see the time that is left
	 * whatever the executor propagates
	 */
	TimeLimitedCall(CheckedSupplier<T> work, Deadline deadline) {
		this.work = work;
		this.deadline = deadline;
	}

	/**
	 * Runs the work unless the call was cancelled first, and publishes its outcome unless the
	 * call was cancelled meanwhile. Never throws: a failure of the work is the caller's to see.
	 */
	@Override
	public void run() {
		this.runner = Thread.currentThread();
		if (!compareAndSetState(NEW, RUNNING)) {
			return;
		}
		T result = null;
		Throwable thrown = null;
		Deadline previous = Deadline.current();
		Deadline.set(this.deadline);
		try {
			result = this.work.get();
		}
		catch (Throwable ex) {
			thrown = ex;
		}
		finally {
			Deadline.set(previous);
		}
		this.value = result;
		this.failure = thrown;
		if (compareAndSetState(RUNNING, DONE)) {
			// wakes the caller if it parked; cheap if it did not
			releaseShared(0);
			return;
		}
		// cancelled while running: nobody reads the outcome; keep it from being retained
		this.value = null;
		this.failure = null;
		// the interrupt of cancel-running must land before this thread moves on to other work,
		// which its executor starts with the interrupt cleared
		while (getState() == INTERRUPTING) {
			Thread.onSpinWait();
		}
	}

	/**
	 * Waits for the work to complete until the call's deadline passes. Called only by the thread
	 * that created the call.
	 * @return whether the work completed; if not, the time ran out and the caller cancels
	 * @throws InterruptedException if the caller was interrupted before the work completed
	 */
	boolean await() throws InterruptedException {
		if (getState() == DONE) {
			return true;
		}
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		for (int i = 0; i < SPINS; i++) {
			if (getState() == DONE) {
				return true;
			}
			Thread.onSpinWait();
		}
		long remaining = this.deadline.remainingNanos();
		return getState() == DONE || (remaining > 0 && tryAcquireSharedNanos(0, remaining));
	}

	@Override
	protected int tryAcquireShared(int unused) {
		return (getState() == DONE) ? 1 : -1;
	}

	@Override
	protected boolean tryReleaseShared(int unused) {
		return true;
	}

	/**
	 * Cancels the call unless it completed: the work does not start if it has not, and its
	 * outcome is dropped if it has. Called only by the waiting caller, once.
	 * @param interruptRunning whether to interrupt the worker that runs the work
	 * @return whether the call was cancelled, false when the work had completed
	 */
	boolean cancel(boolean interruptRunning) {
		if (compareAndSetState(NEW, CANCELLED)) {
			return true;
		}
		if (!compareAndSetState(RUNNING, interruptRunning ? INTERRUPTING : CANCELLED)) {
			return false;
		}
		if (interruptRunning) {
			try {
				Thread worker = this.runner;
				if (worker != null) {
					worker.interrupt();
				}
			}
			finally {
				setState(CANCELLED);
			}
		}
		return true;
	}

	/**
	 * Returns what the work threw, unchanged; read only after {@link #await()} returned true.
	 * @return the failure, or {@code null} if the work returned a value
	 */
	@Nullable Throwable failure() {
		return this.failure;
	}

	/**
	 * Returns what the work returned; read only after {@link #await()} returned true.
	 * @return the value
	 */
	T value() {
		return this.value;
	}

}
