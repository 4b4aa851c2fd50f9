package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TimeLimitedCall}: the work runs once on another thread, its outcome reaches the
 * waiting caller unchanged, and a cancelled call's outcome never does.
 */
@Timeout(30)
class TimeLimitedCallTests {

	private static final long LONG_NANOS = Duration.ofSeconds(10).toNanos();

	private static final long SHORT_NANOS = Duration.ofMillis(20).toNanos();

	private final Deadline deadline = Deadline.after(LONG_NANOS, Clock.system());

	/** Released after each test, so that no blocked work outlives it. */
	private final CountDownLatch release = new CountDownLatch(1);

	private final ExecutorService pool = new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX);

	@AfterEach
	void releaseWorkAndStopThreads() throws InterruptedException {
		Thread.interrupted();
		this.release.countDown();
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void callerGetsTheValueOfTheWorkOnAnotherThread() throws InterruptedException {
		AtomicReference<@Nullable Thread> ranOn = new AtomicReference<>();
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
			ranOn.set(Thread.currentThread());
			return "value";
		}, this.deadline);
		this.pool.execute(call);
		assertThat(call.await()).isTrue();
		assertThat(call.value()).isEqualTo("value");
		assertThat(call.failure()).isNull();
		assertThat(ranOn.get()).isNotNull().isNotSameAs(Thread.currentThread());
	}

	@Test
	void callerGetsNullWhenTheWorkReturnsNull() throws InterruptedException {
		TimeLimitedCall<@Nullable String> call = new TimeLimitedCall<>(() -> null, this.deadline);
		this.pool.execute(call);
		assertThat(call.await()).isTrue();
		assertThat(call.value()).isNull();
		assertThat(call.failure()).isNull();
	}

	@Test
	void workThatCompletedBeforeTheCallerWaitsIsThereAtOnce() throws InterruptedException {
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> "inline", this.deadline);
		call.run();
		assertThat(call.await()).isTrue();
		assertThat(call.value()).isEqualTo("inline");
	}

	@Test
	void callerGetsWhatTheWorkThrewUnchanged() throws InterruptedException {
		for (Throwable thrown : new Throwable[] { new IOException("checked"), new IllegalStateException("unchecked"),
				new AssertionError("error"), new Throwable("plain") }) {
			TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
				throw thrown;
			}, this.deadline);
			this.pool.execute(call);
			assertThat(call.await()).isTrue();
			assertThat(call.failure()).isSameAs(thrown);
			assertThat(call.value()).isNull();
		}
	}

	@Test
	void workSeesTheCallsDeadlineAndTheWorkerTheOneItHadBefore() throws InterruptedException {
		Deadline outer = Deadline.after(LONG_NANOS * 2, Clock.system());
		TimeLimitedCall<@Nullable Deadline> call = new TimeLimitedCall<>(Deadline::current, this.deadline);
		AtomicReference<@Nullable Deadline> afterwards = new AtomicReference<>();
		Thread worker = new Thread(() -> {
			try (Deadline.Scope scope = outer.attach()) {
				call.run();
				afterwards.set(Deadline.current());
			}
		});
		worker.start();
		assertThat(call.await()).isTrue();
		assertThat(call.value()).isSameAs(this.deadline);
		worker.join();
		assertThat(afterwards.get()).isSameAs(outer);
		assertThat(Deadline.current()).isNull();
	}

	@Test
	void timeRunsOutWhileTheWorkBlocks() throws InterruptedException {
		long start = System.nanoTime();
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
			this.release.await();
			return "late";
		}, Deadline.after(SHORT_NANOS, Clock.system()));
		this.pool.execute(call);
		assertThat(call.await()).isFalse();
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT_NANOS);
		assertThat(call.cancel(false)).isTrue();
	}

	@Test
	void cancellingWithInterruptInterruptsTheWorker() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
			started.countDown();
			try {
				this.release.await();
				return "released";
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw ex;
			}
		}, this.deadline);
		this.pool.execute(call);
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(call.cancel(true)).isTrue();
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void cancellingWithoutInterruptLetsTheWorkRunOnAndDropsItsValue() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean sawInterrupt = new AtomicBoolean();
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
			started.countDown();
			this.release.await();
			sawInterrupt.set(Thread.currentThread().isInterrupted());
			return "late";
		}, this.deadline);
		Thread worker = new Thread(call);
		worker.start();
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(call.cancel(false)).isTrue();
		this.release.countDown();
		worker.join();
		assertThat(sawInterrupt).isFalse();
		assertThat(call.value()).isNull();
		assertThat(call.failure()).isNull();
	}

	@Test
	void failureAfterCancellingIsDroppedToo() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
			started.countDown();
			this.release.await();
			throw new IOException("late");
		}, this.deadline);
		Thread worker = new Thread(call);
		worker.start();
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		call.cancel(false);
		this.release.countDown();
		worker.join();
		assertThat(call.failure()).isNull();
	}

	@Test
	void workCancelledBeforeItStartsNeverRuns() {
		AtomicInteger runs = new AtomicInteger();
		TimeLimitedCall<Integer> call = new TimeLimitedCall<>(runs::incrementAndGet, this.deadline);
		assertThat(call.cancel(true)).isTrue();
		call.run();
		assertThat(runs).hasValue(0);
	}

	@Test
	void cancellingCompletedWorkChangesNothing() throws InterruptedException {
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> "done", this.deadline);
		call.run();
		assertThat(call.cancel(true)).isFalse();
		assertThat(call.await()).isTrue();
		assertThat(call.value()).isEqualTo("done");
	}

	@Test
	void workRunsOnlyOnce() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		TimeLimitedCall<Integer> call = new TimeLimitedCall<>(runs::incrementAndGet, this.deadline);
		call.run();
		call.run();
		assertThat(call.await()).isTrue();
		assertThat(call.value()).isOne();
		assertThat(runs).hasValue(1);
	}

	@Test
	void callerInterruptedBeforeWaitingGetsInterruptedExceptionWithTheFlagCleared() {
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
			this.release.await();
			return "never";
		}, this.deadline);
		this.pool.execute(call);
		Thread.currentThread().interrupt();
		assertThat(catchThrowable(() -> call.await())).isInstanceOf(InterruptedException.class);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		call.cancel(true);
	}

	@Test
	void callerInterruptedWhileWaitingGetsInterruptedException() throws InterruptedException {
		TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
			this.release.await();
			return "never";
		}, this.deadline);
		this.pool.execute(call);
		AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
		Thread caller = new Thread(() -> thrown.set(catchThrowable(() -> call.await())));
		caller.start();
		soon().until(() -> caller.getState() == Thread.State.TIMED_WAITING);
		caller.interrupt();
		caller.join();
		assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
		call.cancel(true);
	}

	@Test
	void interruptOfACancelledCallDoesNotReachTheWorkersNextTask() throws Exception {
		HandOffThreadPool pool = new HandOffThreadPool(TimeLimiterExecutors.THREAD_NAME_PREFIX);
		try {
			CountDownLatch started = new CountDownLatch(1);
			AtomicReference<@Nullable Thread> first = new AtomicReference<>();
			TimeLimitedCall<String> call = new TimeLimitedCall<>(() -> {
				first.set(Thread.currentThread());
				started.countDown();
				try {
					this.release.await();
					return "released";
				}
				catch (InterruptedException ex) {
					// leaves its thread interrupted, as careless code does
					Thread.currentThread().interrupt();
					return "interrupted";
				}
			}, this.deadline);
			pool.execute(call);
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			call.cancel(true);
			soon().until(() -> pool.idleThreads() == 1);
			TimeLimitedCall<Boolean> next = new TimeLimitedCall<>(() -> Thread.currentThread().isInterrupted(),
					this.deadline);
			pool.execute(next);
			assertThat(next.await()).isTrue();
			assertThat(next.value()).isFalse();
			assertThat(pool.liveThreads()).isOne();
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void manyCallsRacingTheirTimeoutsSeeEitherTheirValueOrNothing() throws Exception {
		int calls = 20_000;
		for (int i = 0; i < calls; i++) {
			int expected = i;
			// a deadline zero to a few microseconds away races the work
			TimeLimitedCall<Integer> call = new TimeLimitedCall<>(() -> expected,
					Deadline.after(i % 20_000, Clock.system()));
			this.pool.execute(call);
			boolean completed = call.await();
			if (!completed) {
				completed = !call.cancel(i % 2 == 0);
			}
			if (completed) {
				assertThat(call.value()).isEqualTo(expected);
			}
		}
	}

	/** Polls often: what is awaited happens within microseconds to milliseconds. */
	private static ConditionFactory soon() {
		return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10));
	}

}
