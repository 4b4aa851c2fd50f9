package dev.resilience.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

/**
 * Factories of the executors that run time-limited work. The default, {@link #create()}, is a
 * pool of daemon platform threads that hands each call straight to an idle thread, or starts a
 * new one when none is idle, on every Java version: a call is handed over in well under a
 * microsecond by a thread that has just finished the previous one, faster than a new virtual
 * thread is started. An executor of one virtual thread per call is still available on Java 21 and
 * later ({@link #createVirtualThreadPerTask()}). Neither imposes a limit of its own: a call is
 * never refused because the threads running time-limited work are busy. Bounding work that was
 * abandoned at its timeout is what a declared concurrency limit does.
 *
 * <p>The executors returned carry no thread-local context to the work; the auto-configuration
 * wraps them with context propagation. The caller owns each executor and shuts it down.
 *
 * <p>Thread-safe: the factories may be called from any thread.
 *
 * @since 0.1.0
 * @see TimeLimiter
 */
public final class TimeLimiterExecutors {

	/** Prefix of the names of the platform threads, followed by a number from 1. */
	public static final String THREAD_NAME_PREFIX = "resilience-time-limiter-";

	/**
	 * {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up once, or {@code null} before
	 * Java 21. Looked up by reflection because the code is compiled for Java 17.
	 */
	private static final @Nullable MethodHandle VIRTUAL_THREAD_PER_TASK = findVirtualThreadPerTask();

	private TimeLimiterExecutors() {
	}

	/**
	 * Returns a new executor for time-limited work, {@link #createPlatformThreadPool()} on every
	 * runtime.
	 * @return a new executor, owned by the caller
	 */
	public static ExecutorService create() {
		return createPlatformThreadPool();
	}

	/**
	 * Returns a new pool of daemon platform threads named {@code resilience-time-limiter-N}. It
	 * starts no thread before the first call, hands each call to an idle thread or starts a new
	 * one, and lets a thread that idles for 60 seconds end; a thread that has just finished a call
	 * waits a few microseconds for the next one before it parks. It refuses a call only when it is
	 * shut down or the runtime cannot start a thread, and holds no queue: {@code shutdownNow()}
	 * returns no task.
	 * @return a new executor, owned by the caller
	 */
	public static ExecutorService createPlatformThreadPool() {
		// A hand-off rather than a queue that holds work: a call waiting in a queue would spend
		// its own timeout there behind calls that may hang. Daemon threads never keep the JVM
		// from exiting.
		return new HandOffThreadPool(THREAD_NAME_PREFIX);
	}

	/**
	 * Returns a new executor that starts one virtual thread per call, on Java 21 and later.
	 * @return a new executor, owned by the caller
	 * @throws UnsupportedOperationException before Java 21
	 * @since 0.2.0
	 */
	public static ExecutorService createVirtualThreadPerTask() {
		MethodHandle factory = VIRTUAL_THREAD_PER_TASK;
		if (factory == null) {
			throw new UnsupportedOperationException(
					"Virtual threads need Java 21 or later; this is Java " + Runtime.version().feature());
		}
		try {
			return (ExecutorService) factory.invokeExact();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Could not create an executor of virtual threads", ex);
		}
	}

	/**
	 * Whether {@link #createVirtualThreadPerTask()} works on this runtime.
	 * @return true on Java 21 and later
	 */
	public static boolean virtualThreadsAvailable() {
		return VIRTUAL_THREAD_PER_TASK != null;
	}

	private static @Nullable MethodHandle findVirtualThreadPerTask() {
		if (Runtime.version().feature() < 21) {
			return null;
		}
		try {
			return MethodHandles.publicLookup()
				.findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

}
