package dev.resilience.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Factories of the executors that run time-limited work: one virtual thread per call on Java 21
 * and later, a pool of daemon platform threads that grows as needed before. Neither imposes a
 * limit of its own: a call is never refused because the threads running time-limited work are
 * busy. Bounding work that was abandoned at its timeout is what a declared concurrency limit
 * does.
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

	private static final long KEEP_ALIVE_SECONDS = 60;

	private TimeLimiterExecutors() {
	}

	/**
	 * Returns a new executor for time-limited work: one virtual thread per call where the
	 * runtime has them (Java 21+), otherwise {@link #createPlatformThreadPool()}.
	 * @return a new executor, owned by the caller
	 */
	public static ExecutorService create() {
		MethodHandle factory = VIRTUAL_THREAD_PER_TASK;
		if (factory != null) {
			try {
				return (ExecutorService) factory.invokeExact();
			}
			catch (Throwable ex) {
				// not usable after all (a preview API without --enable-preview): use platform threads
			}
		}
		return createPlatformThreadPool();
	}

	/**
	 * Returns a new pool of daemon platform threads named {@code resilience-time-limiter-N}. It
	 * starts no thread before the first call, hands each call to an idle thread or starts a new
	 * one, and lets a thread that idles for 60 seconds end. It refuses a call only when it is shut
	 * down or the runtime cannot start a thread.
	 * @return a new executor, owned by the caller
	 */
	public static ExecutorService createPlatformThreadPool() {
		// A hand-off queue rather than a queue that holds work: a call waiting in a queue would
		// spend its own timeout there behind calls that may hang. Daemon threads never keep the
		// JVM from exiting.
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new SynchronousQueue<>(), new NamedDaemonThreads(THREAD_NAME_PREFIX));
	}

	/**
	 * Whether {@link #create()} returns an executor of virtual threads on this runtime.
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
