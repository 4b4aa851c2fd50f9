package dev.resilience.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
	void createUsesNamedDaemonPlatformThreadsBeforeJava21() throws Exception {
		assumeFalse(TimeLimiterExecutors.virtualThreadsAvailable(), "virtual threads are available");
		ExecutorService executor = TimeLimiterExecutors.create();
		try {
			Thread worker = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			assertThat(worker.getName()).startsWith("resilience-time-limiter-");
			assertThat(worker.isDaemon()).isTrue();
		}
		finally {
			shutDown(executor);
		}
	}

	@Test
	void createUsesVirtualThreadsFromJava21() throws Exception {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
		assertThat(TimeLimiterExecutors.virtualThreadsAvailable()).isTrue();
		ExecutorService executor = TimeLimiterExecutors.create();
		try {
			Thread worker = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			assertThat(Thread.class.getMethod("isVirtual").invoke(worker)).isEqualTo(true);
		}
		finally {
			shutDown(executor);
		}
	}

	@Test
	void virtualThreadsAreAvailableExactlyFromJava21() {
		assertThat(TimeLimiterExecutors.virtualThreadsAvailable()).isEqualTo(Runtime.version().feature() >= 21);
	}

	@Test
	void platformThreadPoolRejectsWorkBeyondItsThreads() throws Exception {
		ExecutorService executor = TimeLimiterExecutors.createPlatformThreadPool(1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			Future<?> busy = executor.submit(() -> {
				release.await();
				return null;
			});
			assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> executor.execute(() -> {
			}));
			release.countDown();
			busy.get(5, TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			shutDown(executor);
		}
	}

	@Test
	void platformThreadPoolNamesItsThreadsInOrder() throws Exception {
		ExecutorService executor = TimeLimiterExecutors.createPlatformThreadPool(2);
		try {
			Thread worker = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			assertThat(worker.getName()).isEqualTo("resilience-time-limiter-1");
			assertThat(worker.isDaemon()).isTrue();
		}
		finally {
			shutDown(executor);
		}
	}

	@Test
	void platformThreadPoolNeedsAThread() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> TimeLimiterExecutors.createPlatformThreadPool(0));
	}

	@Test
	void defaultMaxThreadsIsAtLeastSixteen() {
		assertThat(TimeLimiterExecutors.defaultMaxThreads()).isGreaterThanOrEqualTo(16)
			.isGreaterThanOrEqualTo(8 * Runtime.getRuntime().availableProcessors());
	}

	private static void shutDown(ExecutorService executor) throws InterruptedException {
		executor.shutdownNow();
		assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

}
