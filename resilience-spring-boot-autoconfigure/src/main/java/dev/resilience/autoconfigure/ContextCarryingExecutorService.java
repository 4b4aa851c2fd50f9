package dev.resilience.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Runs each task with the thread-local context of the thread that submitted it: the values of
 * every {@code ThreadLocalAccessor} registered with Micrometer's context-propagation, captured
 * when the task is submitted, are set on the thread that runs it and restored after it. Unlike
 * {@code ContextExecutorService}, a task submitted when there is nothing to carry, no accessor
 * having a value, is handed to the executor as it is: no wrapper, no work on the other thread.
 * That is the same, since the snapshots leave a thread local without a captured value as it is
 * ({@code clearMissing} false) and every wrapped task restores what it set.
 *
 * <p>Thread-safe if the executor is.
 */
final class ContextCarryingExecutorService extends AbstractExecutorService {

	private final ExecutorService executor;

	private final ContextSnapshotFactory snapshots;

	/**
	 * Carries the context of the accessors of the global registry.
	 * @param executor runs the tasks
	 */
	ContextCarryingExecutorService(ExecutorService executor) {
		this(executor, ContextRegistry.getInstance());
	}

	ContextCarryingExecutorService(ExecutorService executor, ContextRegistry registry) {
		this.executor = executor;
		this.snapshots = ContextSnapshotFactory.builder().contextRegistry(registry).clearMissing(false).build();
	}

	@Override
	public void execute(Runnable task) {
		this.executor.execute(carry(task));
	}

	/**
	 * Returns the task wrapped so that it runs with the calling thread's context, or the task
	 * itself when there is no context.
	 * @param task the task
	 * @return what to hand to the executor
	 */
	Runnable carry(Runnable task) {
		ContextSnapshot snapshot = this.snapshots.captureAll();
		return isEmpty(snapshot) ? task : snapshot.wrap(task);
	}

	/**
	 * Whether the snapshot holds no value. Context-propagation has no method for it; its snapshots
	 * are maps of the captured values (and an empty one is shared, not allocated). A snapshot of
	 * another kind is never taken for empty, so that its context is carried all the same.
	 */
	private static boolean isEmpty(ContextSnapshot snapshot) {
		return snapshot instanceof Map<?, ?> values && values.isEmpty();
	}

	@Override
	public void shutdown() {
		this.executor.shutdown();
	}

	@Override
	public List<Runnable> shutdownNow() {
		return this.executor.shutdownNow();
	}

	@Override
	public boolean isShutdown() {
		return this.executor.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		return this.executor.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.executor.awaitTermination(timeout, unit);
	}

	@Override
	public String toString() {
		return "ContextCarryingExecutorService[" + this.executor + "]";
	}

}
