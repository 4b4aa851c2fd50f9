package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HandOffThreadPool}: every task handed to it runs exactly once, also while its
 * threads retire, and it shuts down like any executor.
 */
@Timeout(60)
class HandOffThreadPoolTests {

	private final List<ExecutorService> pools = new ArrayList<>();

	/** Released after each test, so that no blocked task outlives it. */
	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.release.countDown();
		for (ExecutorService pool : this.pools) {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void manyThreadsHandingOverManyTasksRunEachExactlyOnce() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX));
		assertEveryTaskRunsOnce(pool, 16, 10_000);
	}

	@Test
	void noTaskIsLostToAThreadThatRetiresAsItIsHandedOver() throws Exception {
		// threads that neither spin nor wait: each retires as soon as it finds no task, so that
		// retiring races nearly every hand-off
		HandOffThreadPool pool = pool(new HandOffThreadPool(threads(), Clock.system(), 1, 0));
		assertEveryTaskRunsOnce(pool, 4, 5_000);
		soon().until(() -> pool.liveThreads() == 0);
		assertThat(pool.idleThreads()).isZero();
	}

	@Test
	void noTaskIsLostToThreadsThatRetireAfterAShortWait() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool(threads(), Clock.system(), Duration.ofMillis(1).toNanos(), 0));
		assertEveryTaskRunsOnce(pool, 8, 5_000);
	}

	@Test
	void anIdleThreadTakesTheNextTask() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX));
		Thread first = pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		soon().until(() -> pool.idleThreads() == 1);
		Thread second = pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		assertThat(second).isSameAs(first);
		assertThat(pool.liveThreads()).isOne();
	}

	@Test
	void aParkedThreadIsWokenForTheNextTask() throws Exception {
		// no spin: the idle thread parks at once, so the hand-off must unpark it
		HandOffThreadPool pool = pool(new HandOffThreadPool(threads(), Clock.system(), Duration.ofMinutes(1).toNanos(), 0));
		Thread first = pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		for (int i = 0; i < 20; i++) {
			soon().until(() -> pool.idleThreads() == 1 && first.getState() == Thread.State.TIMED_WAITING);
			assertThat(pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS)).isSameAs(first);
		}
	}

	@Test
	void aThreadIdleForTheKeepAliveEnds() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool(threads(), Clock.system(), Duration.ofMillis(20).toNanos(),
				HandOffThreadPool.SPIN_NANOS));
		Thread worker = pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		soon().until(() -> !worker.isAlive());
		assertThat(pool.liveThreads()).isZero();
		assertThat(pool.idleThreads()).isZero();
		assertThat(pool.isShutdown()).isFalse();
		assertThat(pool.submit(() -> "again").get(5, TimeUnit.SECONDS)).isEqualTo("again");
	}

	@Test
	void aThreadIsStartedForEveryTaskThatFindsNoIdleOne() throws Exception {
		int tasks = 50;
		HandOffThreadPool pool = pool(new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX));
		CyclicBarrier everyone = new CyclicBarrier(tasks);
		List<Future<Integer>> running = new ArrayList<>();
		for (int i = 0; i < tasks; i++) {
			running.add(pool.submit(() -> everyone.await(10, TimeUnit.SECONDS)));
		}
		for (Future<Integer> task : running) {
			assertThat(task.get(15, TimeUnit.SECONDS)).isBetween(0, tasks - 1);
		}
		assertThat(pool.liveThreads()).isEqualTo(tasks);
	}

	@Test
	void threadsAreDaemonsNamedWithThePrefixInOrder() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool("test-pool-"));
		CountDownLatch both = new CountDownLatch(2);
		Set<String> names = ConcurrentHashMap.newKeySet();
		Set<Boolean> daemon = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 2; i++) {
			pool.execute(() -> {
				names.add(Thread.currentThread().getName());
				daemon.add(Thread.currentThread().isDaemon());
				both.countDown();
				awaitQuietly(both);
			});
		}
		assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(names).containsExactlyInAnyOrder("test-pool-1", "test-pool-2");
		assertThat(daemon).containsExactly(true);
	}

	@Test
	void aTaskThatThrowsIsReportedAndItsThreadGoesOn() throws Exception {
		List<Throwable> reported = new CopyOnWriteArrayList<>();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			thread.setUncaughtExceptionHandler((failed, ex) -> reported.add(ex));
			return thread;
		};
		HandOffThreadPool pool = pool(new HandOffThreadPool(threads, Clock.system(), Duration.ofMinutes(1).toNanos(),
				HandOffThreadPool.SPIN_NANOS));
		IllegalStateException failure = new IllegalStateException("task failed");
		AtomicReference<@Nullable Thread> failedOn = new AtomicReference<>();
		pool.execute(() -> {
			failedOn.set(Thread.currentThread());
			throw failure;
		});
		soon().until(() -> pool.idleThreads() == 1);
		assertThat(reported).containsExactly(failure);
		assertThat(pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS)).isSameAs(failedOn.get());
	}

	@Test
	void anInterruptLeftByATaskDoesNotReachTheNextTask() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX));
		Thread first = pool.submit(() -> {
			Thread.currentThread().interrupt();
			return Thread.currentThread();
		}).get(5, TimeUnit.SECONDS);
		soon().until(() -> pool.idleThreads() == 1);
		AtomicBoolean interrupted = new AtomicBoolean(true);
		Thread second = pool.submit(() -> {
			interrupted.set(Thread.currentThread().isInterrupted());
			return Thread.currentThread();
		}).get(5, TimeUnit.SECONDS);
		assertThat(second).isSameAs(first);
		assertThat(interrupted).isFalse();
	}

	@Test
	void aThreadTheRuntimeCannotStartFailsTheTaskAndLeavesThePoolWorking() throws Exception {
		OutOfMemoryError refused = new OutOfMemoryError("unable to create native thread: possibly out of memory");
		AtomicBoolean refuse = new AtomicBoolean(true);
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task) {

				@Override
				public synchronized void start() {
					if (refuse.get()) {
						throw refused;
					}
					super.start();
				}

			};
			thread.setDaemon(true);
			return thread;
		};
		HandOffThreadPool pool = pool(new HandOffThreadPool(threads, Clock.system(), Duration.ofMinutes(1).toNanos(),
				HandOffThreadPool.SPIN_NANOS));
		assertThat(catchThrowable(() -> pool.execute(() -> {
		}))).isSameAs(refused);
		assertThat(pool.liveThreads()).isZero();
		refuse.set(false);
		assertThat(pool.submit(() -> "started").get(5, TimeUnit.SECONDS)).isEqualTo("started");
	}

	@Test
	void shutdownLetsRunningTasksFinishRefusesNewOnesAndEndsTheThreads() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX));
		Thread first = pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		soon().until(() -> pool.idleThreads() == 1);
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		Future<String> running = pool.submit(() -> {
			started.countDown();
			this.release.await();
			interrupted.set(Thread.currentThread().isInterrupted());
			return "finished";
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		CountDownLatch blocked = new CountDownLatch(1);
		Future<?> second = pool.submit(() -> {
			blocked.countDown();
			awaitQuietly(this.release);
		});
		assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
		pool.shutdown();
		assertThat(pool.isShutdown()).isTrue();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> pool.execute(() -> {
		}));
		assertThat(pool.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(pool.isTerminated()).isFalse();
		this.release.countDown();
		assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("finished");
		second.get(5, TimeUnit.SECONDS);
		assertThat(interrupted).isFalse();
		assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		assertThat(pool.isTerminated()).isTrue();
		assertThat(pool.liveThreads()).isZero();
		first.join(5_000);
		assertThat(first.isAlive()).isFalse();
	}

	@Test
	void shutdownNowInterruptsRunningTasksAndReturnsNoTask() throws Exception {
		HandOffThreadPool pool = pool(new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		pool.execute(() -> {
			started.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(pool.shutdownNow()).isEmpty();
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		assertThat(pool.isTerminated()).isTrue();
	}

	@Test
	void aPoolThatNeverStartedAThreadTerminatesAtShutdown() throws InterruptedException {
		HandOffThreadPool pool = pool(new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX));
		assertThat(pool.isTerminated()).isFalse();
		pool.shutdown();
		assertThat(pool.isTerminated()).isTrue();
		assertThat(pool.awaitTermination(0, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void tasksHandedOverWhileThePoolShutsDownEitherRunOrAreRefused() throws Exception {
		for (int round = 0; round < 20; round++) {
			HandOffThreadPool pool = new HandOffThreadPool(threads(), Clock.system(), Duration.ofMinutes(1).toNanos(),
					HandOffThreadPool.SPIN_NANOS);
			int threads = 4;
			int tasks = 2_000;
			AtomicIntegerArray runs = new AtomicIntegerArray(threads * tasks);
			AtomicIntegerArray refused = new AtomicIntegerArray(threads * tasks);
			ExecutorService callers = Executors.newFixedThreadPool(threads);
			try {
				CyclicBarrier start = new CyclicBarrier(threads + 1);
				List<Future<?>> submitting = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int first = t * tasks;
					submitting.add(callers.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						for (int i = first; i < first + tasks; i++) {
							int task = i;
							try {
								pool.execute(() -> runs.incrementAndGet(task));
							}
							catch (RejectedExecutionException ex) {
								refused.incrementAndGet(task);
							}
						}
						return null;
					}));
				}
				start.await(5, TimeUnit.SECONDS);
				pool.shutdown();
				for (Future<?> submitter : submitting) {
					submitter.get(10, TimeUnit.SECONDS);
				}
				assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
				for (int i = 0; i < threads * tasks; i++) {
					assertThat(runs.get(i) + refused.get(i)).as("task %d", i).isOne();
				}
			}
			finally {
				callers.shutdownNow();
				pool.shutdownNow();
			}
		}
	}

	private HandOffThreadPool pool(HandOffThreadPool pool) {
		this.pools.add(pool);
		return pool;
	}

	private static ThreadFactory threads() {
		return new NamedDaemonThreads("test-pool-");
	}

	private static void assertEveryTaskRunsOnce(HandOffThreadPool pool, int threads, int tasksPerThread)
			throws Exception {
		int tasks = threads * tasksPerThread;
		AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
		CountDownLatch done = new CountDownLatch(tasks);
		ExecutorService callers = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<?>> submitting = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int first = t * tasksPerThread;
				submitting.add(callers.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					for (int i = first; i < first + tasksPerThread; i++) {
						int task = i;
						pool.execute(() -> {
							runs.incrementAndGet(task);
							done.countDown();
						});
					}
					return null;
				}));
			}
			for (Future<?> submitter : submitting) {
				submitter.get(30, TimeUnit.SECONDS);
			}
			assertThat(done.await(30, TimeUnit.SECONDS)).as("all tasks ran").isTrue();
			for (int i = 0; i < tasks; i++) {
				assertThat(runs.get(i)).as("runs of task %d", i).isOne();
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Polls often: what is awaited happens within microseconds to milliseconds. */
	private static ConditionFactory soon() {
		return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10));
	}

}
