package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the same work on several threads that start at once, for tests of what threads do to
 * shared state.
 */
final class Together {

	private Together() {
	}

	/**
	 * Runs the work on the given number of new threads, released together, and waits for all.
	 * @param threads how many threads
	 * @param work what each thread runs
	 * @throws Exception the first failure of a thread, wrapped
	 */
	static void run(int threads, Runnable work) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Callable<Void>> tasks = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				tasks.add(() -> {
					start.await();
					work.run();
					return null;
				});
			}
			for (Future<Void> done : executor.invokeAll(tasks)) {
				done.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
