package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link TimeLimiterExecutors}.
 */
class TimeLimiterExecutorsTests {

	@Test
	void createRunsWork() throws Exception {
		ExecutorService executor = TimeLimiterExecutors.create();
		try {
			assertThat(executor.submit(() -> "ran").get(5, TimeUnit.SECONDS)).isEqualTo("ran");
		}
		finally {
			shutDown(executor);
		}
	}

	@Test
	void createUsesNamedDaemonPlatformThreadsOnEveryJavaVersion() throws Exception {
		ExecutorService executor = TimeLimiterExecutors.create();
		try {
			assertThat(executor).isInstanceOf(HandOffThreadPool.class);
			Thread worker = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			assertThat(worker.getName()).startsWith("resilience-time-limiter-");
			assertThat(worker.isDaemon()).isTrue();
			if (Runtime.version().feature() >= 21) {
				assertThat(Thread.class.getMethod("isVirtual").invoke(worker)).isEqualTo(false);
			}
		}
		finally {
			shutDown(executor);
		}
	}

	@Test
	void virtualThreadPerTaskUsesVirtualThreadsFromJava21() throws Exception {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
		assertThat(TimeLimiterExecutors.virtualThreadsAvailable()).isTrue();
		ExecutorService executor = TimeLimiterExecutors.createVirtualThreadPerTask();
		try {
			Thread worker = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			assertThat(Thread.class.getMethod("isVirtual").invoke(worker)).isEqualTo(true);
		}
		finally {
			shutDown(executor);
		}
	}

	@Test
	void virtualThreadPerTaskIsRefusedClearlyBeforeJava21() {
		assumeFalse(Runtime.version().feature() >= 21, "virtual threads are available");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(TimeLimiterExecutors::createVirtualThreadPerTask)
			.withMessageContaining("Java 21");
	}

	@Test
	void virtualThreadsAreAvailableExactlyFromJava21() {
		assertThat(TimeLimiterExecutors.virtualThreadsAvailable()).isEqualTo(Runtime.version().feature() >= 21);
	}

	@Test
	void platformThreadPoolStartsAThreadForEveryCallThatFindsNoIdleOne() throws Exception {
		int calls = 100;
		ExecutorService executor = TimeLimiterExecutors.createPlatformThreadPool();
		CyclicBarrier everyone = new CyclicBarrier(calls);
		try {
			List<Future<Integer>> running = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				running.add(executor.submit(() -> everyone.await(10, TimeUnit.SECONDS)));
			}
			for (Future<Integer> call : running) {
				assertThat(call.get(15, TimeUnit.SECONDS)).isBetween(0, calls - 1);
			}
		}
		finally {
			shutDown(executor);
		}
	}

	@Test
	void platformThreadPoolNamesItsThreadsInOrder() throws Exception {
		ExecutorService executor = TimeLimiterExecutors.createPlatformThreadPool();
		try {
			Thread worker = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			assertThat(worker.getName()).isEqualTo("resilience-time-limiter-1");
			assertThat(worker.isDaemon()).isTrue();
		}
		finally {
			shutDown(executor);
		}
	}

	private static void shutDown(ExecutorService executor) throws InterruptedException {
		executor.shutdownNow();
		assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

}
