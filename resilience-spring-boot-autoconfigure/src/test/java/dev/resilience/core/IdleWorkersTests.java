package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdleWorkers}: a stack that neither loses nor duplicates a worker, also while
 * many threads push the same workers again and again.
 */
@Timeout(60)
class IdleWorkersTests {

	private final IdleWorkers<String> idle = new IdleWorkers<>();

	@Test
	void popsTheWorkerPushedLast() {
		assertThat(this.idle.pop()).isNull();
		this.idle.push("a");
		this.idle.push("b");
		this.idle.push("c");
		assertThat(this.idle.size()).isEqualTo(3);
		assertThat(this.idle.pop()).isEqualTo("c");
		assertThat(this.idle.pop()).isEqualTo("b");
		this.idle.push("d");
		assertThat(this.idle.pop()).isEqualTo("d");
		assertThat(this.idle.pop()).isEqualTo("a");
		assertThat(this.idle.pop()).isNull();
		assertThat(this.idle.size()).isZero();
	}

	@Test
	void removesAWorkerWhereverItIsAndKeepsTheOrderOfTheOthers() {
		for (String worker : List.of("a", "b", "c", "d")) {
			this.idle.push(worker);
		}
		assertThat(this.idle.remove("b")).isTrue();
		assertThat(this.idle.remove("d")).isTrue();
		assertThat(this.idle.remove("x")).isFalse();
		this.idle.push("e");
		assertThat(drain()).containsExactly("e", "c", "a");
		assertThat(this.idle.remove("a")).isFalse();
	}

	@Test
	void removesTheBottomWorker() {
		this.idle.push("a");
		this.idle.push("b");
		assertThat(this.idle.remove("a")).isTrue();
		assertThat(drain()).containsExactly("b");
	}

	@Test
	void threadsTakingAndGivingBackTheSameWorkersNeitherLoseNorDuplicateOne() throws Exception {
		int workers = 64;
		int threads = 8;
		int rounds = 100_000;
		IdleWorkers<Integer> stack = new IdleWorkers<>();
		for (int i = 0; i < workers; i++) {
			stack.push(i);
		}
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				boolean remover = t == 0;
				running.add(pool.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					for (int r = 0; r < rounds; r++) {
						Integer worker = stack.pop();
						if (worker == null) {
							continue;
						}
						// a popped worker belongs to this thread until pushed again, as in the pool
						if (remover && r % 2 == 0) {
							// takes another off wherever it is now and gives it back; when that fails,
							// it is still there or a pop took it, whose thread gives it back
							Integer other = stack.pop();
							if (other != null) {
								stack.push(other);
								if (stack.remove(other)) {
									stack.push(other);
								}
							}
						}
						stack.push(worker);
					}
					return null;
				}));
			}
			for (Future<?> thread : running) {
				thread.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Integer> left = new ArrayList<>();
		for (Integer worker = stack.pop(); worker != null; worker = stack.pop()) {
			left.add(worker);
		}
		assertThat(left).hasSize(workers).doesNotHaveDuplicates();
	}

	private List<@Nullable String> drain() {
		List<@Nullable String> workers = new ArrayList<>();
		for (String worker = this.idle.pop(); worker != null; worker = this.idle.pop()) {
			workers.add(worker);
		}
		return workers;
	}

}
