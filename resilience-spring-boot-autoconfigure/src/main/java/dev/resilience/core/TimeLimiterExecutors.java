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
 * and later, a bounded pool of daemon platform threads before.
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
	 * runtime has them (Java 21+), otherwise {@link #createPlatformThreadPool(int)} with
	 * {@link #defaultMaxThreads()} threads.
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
		return createPlatformThreadPool(defaultMaxThreads());
	}

	/**
	 * Returns a new bounded pool of daemon platform threads named
	 * {@code resilience-time-limiter-N}. It starts no thread before the first call, starts one
	 * per concurrent call up to {@code maxThreads}, lets a thread that idles for 60 seconds end,
	 * and rejects a call when all threads are busy with a
	 * {@link java.util.concurrent.RejectedExecutionException}.
	 * @param maxThreads the most threads the pool runs at once, at least 1
	 * @return a new executor, owned by the caller
	 */
	public static ExecutorService createPlatformThreadPool(int maxThreads) {
		Validate.atLeast("max-threads", maxThreads, 1);
		// A hand-off queue rather than a queue that holds work: a call waiting in a queue spends
		// its own timeout there and would end as a timeout, hiding that the pool is saturated.
		// The bound on threads keeps a dependency that hangs (and work that ignores interruption)
		// from making the application start threads without end; beyond it a call fails at once
		// with RejectedExecutionException, which the caller sees and a circuit breaker records.
		// Daemon threads never keep the JVM from exiting.
		return new ThreadPoolExecutor(0, maxThreads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
				new NamedDaemonThreads(THREAD_NAME_PREFIX), new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Returns the size of the platform thread pool of {@link #create()}: 8 threads per processor,
	 * at least 16. Time-limited work mostly waits on I/O, so many more threads than processors
	 * may run it usefully.
	 * @return the default number of threads
	 */
	public static int defaultMaxThreads() {
		return Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
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
