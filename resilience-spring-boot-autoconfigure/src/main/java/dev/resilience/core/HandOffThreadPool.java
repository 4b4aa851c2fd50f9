package dev.resilience.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import org.jspecify.annotations.Nullable;

/**
 * An executor of daemon platform threads that hands each task straight to an idle thread, or
 * starts a new one when none is idle: it holds no queue and imposes no limit of its own, so that
 * it refuses a task only once it is shut down (and fails like {@link Thread#start()} when the
 * runtime cannot start a thread).
 *
 * <p>A thread that finished its task offers itself on a stack of {@link IdleWorkers} and spins a
 * few microseconds for the next task before it parks, so that back-to-back calls are handed over
 * without waking a parked thread; a thread idle for the keep-alive (60 seconds) ends. A hand-off
 * is one compare-and-set of the idle thread's slot; a retiring thread closes its slot by the
 * same compare-and-set first, so that a task is either taken by the thread it was handed to or
 * refused by it, never lost, and the pool then tries another thread.
 *
 * <p>{@link #shutdown()} lets every task handed over run and ends the idle threads;
 * {@link #shutdownNow()} also interrupts the running tasks, and returns no task since none waits
 * in a queue.
 *
 * <p>Thread-safe and, on the path of a task, lock-free.
 */
final class HandOffThreadPool extends AbstractExecutorService {

	/** How long a thread idles before it ends. */
	static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

	/** How long a thread that finished a task spins for the next one before it parks. */
	static final long SPIN_NANOS = 5_000;

	private static final int RUNNING = 0;

	private static final int SHUTDOWN = 1;

	private static final int STOP = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(HandOffThreadPool.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ThreadFactory threads;

	private final Clock clock;

	private final long keepAliveNanos;

	private final long spinNanos;

	private final IdleWorkers<Worker> idle = new IdleWorkers<>();

	/** Every worker that started and has not ended, so that a shutdown reaches them. */
	private final Set<Worker> workers = ConcurrentHashMap.newKeySet();

	/** The workers started or about to start and not yet ended. */
	private final AtomicInteger live = new AtomicInteger();

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile int state = RUNNING;

	/**
	 * Creates a pool whose threads are named the given prefix and a number from 1.
	 * @param threadNamePrefix the prefix of the thread names
	 */
	HandOffThreadPool(String threadNamePrefix) {
		this(new NamedDaemonThreads(threadNamePrefix), Clock.system(), KEEP_ALIVE.toNanos(), SPIN_NANOS);
	}

	/**
	 * Creates a pool with the given threads and timings; a short keep-alive and no spin let tests
	 * race retiring threads against hand-offs.
	 * @param threads creates the threads
	 * @param clock measures the spin and the keep-alive; an idle thread parks for real time, at
	 * most the keep-alive left on this clock at a time
	 * @param keepAliveNanos how long a thread idles before it ends
	 * @param spinNanos how long a thread spins for the next task before it parks
	 */
	HandOffThreadPool(ThreadFactory threads, Clock clock, long keepAliveNanos, long spinNanos) {
		this.threads = threads;
		this.clock = clock;
		this.keepAliveNanos = keepAliveNanos;
		this.spinNanos = spinNanos;
	}

	@Override
	public void execute(Runnable task) {
		Objects.requireNonNull(task, "task");
		if (this.state != RUNNING) {
			throw rejected();
		}
		Worker worker;
		while ((worker = this.idle.pop()) != null) {
			if (worker.handOff(task)) {
				return;
			}
			// it retired: try the next one
		}
		start(task);
	}

	private void start(Runnable task) {
		this.live.incrementAndGet();
		boolean started = false;
		Worker worker = new Worker(task);
		try {
			// checked after counting the worker, so that a shutdown either sees it or refuses it
			if (this.state != RUNNING) {
				throw rejected();
			}
			Thread thread = this.threads.newThread(worker);
			worker.thread = thread;
			this.workers.add(worker);
			thread.start();
			started = true;
		}
		finally {
			if (!started) {
				this.workers.remove(worker);
				ended();
			}
		}
	}

	private static RejectedExecutionException rejected() {
		return new RejectedExecutionException("The time limiter's threads are shut down");
	}

	private void ended() {
		if (this.live.decrementAndGet() == 0 && this.state != RUNNING) {
			this.terminated.countDown();
		}
	}

	@Override
	public void shutdown() {
		shutDown(SHUTDOWN);
	}

	@Override
	public List<Runnable> shutdownNow() {
		shutDown(STOP);
		for (Worker worker : this.workers) {
			worker.interrupt();
		}
		return List.of();
	}

	private void shutDown(int target) {
		int current;
		do {
			current = this.state;
		}
		while (current < target && !STATE.compareAndSet(this, current, target));
		// wake the idle workers, which end once they see the state
		for (Worker worker : this.workers) {
			worker.wake();
		}
		if (this.live.get() == 0) {
			this.terminated.countDown();
		}
	}

	@Override
	public boolean isShutdown() {
		return this.state != RUNNING;
	}

	@Override
	public boolean isTerminated() {
		return this.terminated.getCount() == 0;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.terminated.await(timeout, unit);
	}

	/**
	 * Counts the threads started and not yet ended; for tests.
	 * @return the number of threads
	 */
	int liveThreads() {
		return this.live.get();
	}

	/**
	 * Counts the threads waiting for a task; for tests, not exact while the pool works.
	 * @return the number of idle threads
	 */
	int idleThreads() {
		return this.idle.size();
	}

	@Override
	public String toString() {
		String state = (this.state == RUNNING) ? "running" : isTerminated() ? "terminated" : "shutting down";
		return "HandOffThreadPool[" + state + ", threads=" + this.live.get() + "]";
	}

	/**
	 * One thread of the pool: runs the task it was started with, then each task handed to it
	 * through its slot while it is idle, until it idled for the keep-alive or the pool shuts down.
	 * An idle worker that stopped spinning parks in its synchronizer's queue, which a hand-off
	 * releases.
	 */
	@SuppressWarnings("serial") // never serialized
	private final class Worker extends AbstractQueuedSynchronizer implements Runnable {

		/** In the slot of a worker that ended: no task can be handed to it any more. */
		private static final Object RETIRED = new Object();

		private static final VarHandle SLOT;

		static {
			try {
				SLOT = MethodHandles.lookup().findVarHandle(Worker.class, "slot", Object.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private @Nullable Runnable firstTask;

		/** Set before the thread starts. */
		private @Nullable Thread thread;

		/**
		 * {@code null} while the worker waits for a task (or runs one), the task handed to it, or
		 * {@link #RETIRED}. Only a {@link #handOff} sets a task, only after taking the worker off
		 * the idle stack, and only the worker itself sets anything else.
		 */
		private volatile @Nullable Object slot;

		Worker(Runnable firstTask) {
			this.firstTask = firstTask;
		}

		@Override
		public void run() {
			Runnable task = this.firstTask;
			this.firstTask = null;
			try {
				while (task != null) {
					runTask(task);
					task = awaitTask();
				}
			}
			finally {
				exit();
			}
		}

		private void runTask(Runnable task) {
			Thread current = Thread.currentThread();
			// an interrupt meant for the previous task (a cancelled call) is not this task's; one
			// of shutdownNow is, whether it came before the task or comes while it runs
			Thread.interrupted();
			if (HandOffThreadPool.this.state == STOP) {
				current.interrupt();
			}
			try {
				task.run();
			}
			catch (Throwable ex) {
				// reported as by a thread that dies of it, but the worker goes on
				current.getUncaughtExceptionHandler().uncaughtException(current, ex);
			}
		}

		/**
		 * Waits idle for the next task.
		 * @return the task, or {@code null} when the worker ends: it idled for the keep-alive or
		 * the pool shuts down
		 */
		private @Nullable Runnable awaitTask() {
			if (HandOffThreadPool.this.state != RUNNING) {
				this.slot = RETIRED;
				return null;
			}
			HandOffThreadPool.this.idle.push(this);
			Clock clock = HandOffThreadPool.this.clock;
			long idleSince = clock.nanoTime();
			Object handed = spin(clock, idleSince);
			while (handed == null) {
				long remaining = HandOffThreadPool.this.keepAliveNanos - (clock.nanoTime() - idleSince);
				if (remaining <= 0 || HandOffThreadPool.this.state != RUNNING) {
					if (SLOT.compareAndSet(this, null, RETIRED)) {
						HandOffThreadPool.this.idle.remove(this);
						return null;
					}
					// a task came in at the last moment: run it
				}
				else {
					try {
						tryAcquireSharedNanos(0, remaining);
					}
					catch (InterruptedException ex) {
						// an interrupt left by a cancelled call; one of shutdownNow also set the state
					}
				}
				handed = this.slot;
			}
			return take(handed);
		}

		private @Nullable Object spin(Clock clock, long start) {
			long spinNanos = HandOffThreadPool.this.spinNanos;
			while (true) {
				for (int i = 0; i < 32; i++) {
					Object handed = this.slot;
					if (handed != null || spinNanos <= 0) {
						return handed;
					}
					Thread.onSpinWait();
				}
				if (clock.nanoTime() - start >= spinNanos) {
					return this.slot;
				}
			}
		}

		private Runnable take(Object handed) {
			// off the idle stack since the hand-off, so nobody else writes the slot now
			this.slot = null;
			return (Runnable) handed;
		}

		/**
		 * Gives the worker a task if it is still idle.
		 * @param task the task
		 * @return whether the worker took it; false if it retired
		 */
		boolean handOff(Runnable task) {
			if (!SLOT.compareAndSet(this, null, task)) {
				return false;
			}
			// unparks the worker if it parked; cheap if it still spins
			releaseShared(0);
			return true;
		}

		/** Makes an idle worker look at the pool's state. */
		void wake() {
			releaseShared(0);
		}

		void interrupt() {
			Thread thread = this.thread;
			if (thread != null) {
				thread.interrupt();
			}
		}

		/** A parked worker goes on once a task is handed to it or the pool shuts down. */
		@Override
		protected int tryAcquireShared(int unused) {
			return (this.slot != null || HandOffThreadPool.this.state != RUNNING) ? 1 : -1;
		}

		@Override
		protected boolean tryReleaseShared(int unused) {
			return true;
		}

		private void exit() {
			Object handed = SLOT.getAndSet(this, RETIRED);
			HandOffThreadPool.this.workers.remove(this);
			try {
				// only if the worker failed between offering itself and taking its task
				if (handed instanceof Runnable task) {
					runTask(task);
				}
			}
			finally {
				HandOffThreadPool.this.ended();
			}
		}

	}

}
