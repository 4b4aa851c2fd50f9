package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link DefaultTimeLimiter}, on real worker threads with a short timeout.
 */
class TimeLimiterTests {

	private static final Duration TIMEOUT = Duration.ofMillis(100);

	private static final long WELL_BELOW_NANOS = Duration.ofSeconds(5).toNanos();

	private final ExecutorService executor = TimeLimiterExecutors.createPlatformThreadPool();

	private final List<TimeLimiterOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final ResilienceListener listener = new ResilienceListener() {

		@Override
		public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
			TimeLimiterTests.this.outcomes.add(outcome);
		}

	};

	/** Released after each test, so that no blocked work outlives it. */
	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseWorkAndStopThreads() throws InterruptedException {
		Thread.interrupted();
		this.release.countDown();
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void returnsTheValueOfTheCall() throws Throwable {
		TimeLimiter limiter = limiter(true);
		assertThat(limiter.execute(() -> "ok")).isEqualTo("ok");
		assertThat(limiter.<String>execute(() -> null)).isNull();
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(2, 0, 0));
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.SUCCESS, TimeLimiterOutcome.SUCCESS);
	}

	@Test
	void runsTheCallOnAnotherThread() throws Throwable {
		Thread caller = Thread.currentThread();
		Thread worker = limiter(true).execute(Thread::currentThread);
		assertThat(worker).isNotSameAs(caller);
	}

	@Test
	void runsTheCallOnTheDefaultExecutor() throws Throwable {
		ExecutorService executor = TimeLimiterExecutors.create();
		try {
			TimeLimiter limiter = TimeLimiter.of("test", TimeLimiterConfig.defaults(), executor, this.listener);
			assertThat(limiter.execute(() -> 42)).isEqualTo(42);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rethrowsTheFailureOfTheCallUnchanged() {
		TimeLimiter limiter = limiter(true);
		IOException checked = new IOException("checked");
		IllegalStateException unchecked = new IllegalStateException("unchecked");
		AssertionError error = new AssertionError("error");
		Throwable plain = new Throwable("plain");
		for (Throwable failure : List.of(checked, unchecked, error, plain)) {
			assertThat(catchThrowable(() -> limiter.execute(() -> {
				throw failure;
			}))).isSameAs(failure);
		}
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 4, 0));
		assertThat(this.outcomes).containsOnly(TimeLimiterOutcome.FAILURE).hasSize(4);
	}

	@Test
	void timesOutWhenTheCallBlocks() {
		TimeLimiter limiter = limiter(true);
		long start = System.nanoTime();
		Throwable thrown = catchThrowable(() -> limiter.execute(() -> {
			this.release.await();
			return "too late";
		}));
		long elapsed = System.nanoTime() - start;
		assertThat(thrown).isInstanceOfSatisfying(TimeLimitExceededException.class, (ex) -> {
			assertThat(ex.getName()).isEqualTo("test");
			assertThat(ex.getTimeout()).isEqualTo(TIMEOUT);
			assertThat(ex).hasMessageContaining("'test'").hasMessageContaining("100ms");
		});
		assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.toNanos()).isLessThan(WELL_BELOW_NANOS);
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.TIMEOUT);
	}

	@Test
	void interruptsTheCallAtTheTimeoutWhenCancelRunning() throws InterruptedException {
		CountDownLatch interrupted = new CountDownLatch(1);
		catchThrowable(() -> limiter(true).execute(() -> {
			try {
				this.release.await();
				return "released";
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw ex;
			}
		}));
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void letsTheCallRunOnAfterTheTimeoutWithoutCancelRunning() throws InterruptedException {
		AtomicBoolean sawInterrupt = new AtomicBoolean(true);
		CountDownLatch finished = new CountDownLatch(1);
		TimeLimiter limiter = limiter(false);
		Throwable thrown = catchThrowable(() -> limiter.execute(() -> {
			try {
				this.release.await();
				sawInterrupt.set(Thread.currentThread().isInterrupted());
				return "discarded";
			}
			catch (InterruptedException ex) {
				sawInterrupt.set(true);
				throw ex;
			}
			finally {
				finished.countDown();
			}
		}));
		assertThat(thrown).isInstanceOf(TimeLimitExceededException.class);
		assertThat(finished.getCount()).isOne();
		this.release.countDown();
		assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(sawInterrupt).isFalse();
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.TIMEOUT);
	}

	@Test
	void givesControlBackAtTheTimeoutWhenTheCallIgnoresInterruption() throws InterruptedException {
		CountDownLatch finished = new CountDownLatch(1);
		long start = System.nanoTime();
		Throwable thrown = catchThrowable(() -> limiter(true).execute(() -> {
			while (true) {
				try {
					this.release.await();
					finished.countDown();
					return "ignored interruption";
				}
				catch (InterruptedException ex) {
					// ignores interruption, as badly behaved libraries do
				}
			}
		}));
		long elapsed = System.nanoTime() - start;
		assertThat(thrown).isInstanceOf(TimeLimitExceededException.class);
		assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.toNanos()).isLessThan(WELL_BELOW_NANOS);
		assertThat(finished.getCount()).isOne();
		this.release.countDown();
		assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void callerInterruptedWhileWaitingGetsInterruptedExceptionAndCancelsTheCall() {
		TimeLimiter limiter = TimeLimiter.of("test", TimeLimiterConfig.builder().timeout(Duration.ofSeconds(30)).build(),
				this.executor, this.listener);
		Thread.currentThread().interrupt();
		long start = System.nanoTime();
		Throwable thrown = catchThrowable(() -> limiter.execute(() -> {
			this.release.await();
			return "never";
		}));
		long elapsed = System.nanoTime() - start;
		assertThat(thrown).isInstanceOf(InterruptedException.class);
		assertThat(Thread.interrupted()).isTrue();
		assertThat(elapsed).isLessThan(WELL_BELOW_NANOS);
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 1, 0));
	}

	@Test
	void rejectionByTheExecutorReachesTheCallerAndCountsAsFailure() {
		RejectedExecutionException rejection = new RejectedExecutionException("full");
		TimeLimiter limiter = TimeLimiter.of("test", TimeLimiterConfig.builder().timeout(TIMEOUT).build(), (task) -> {
			throw rejection;
		}, this.listener);
		assertThat(catchThrowable(() -> limiter.execute(() -> "never"))).isSameAs(rejection);
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 1, 0));
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.FAILURE);
	}

	@Test
	void threadTheRuntimeCannotStartIsARejectionThatCountsAsFailure() {
		OutOfMemoryError refused = new OutOfMemoryError("unable to create native thread: possibly out of memory");
		TimeLimiter limiter = TimeLimiter.of("test", TimeLimiterConfig.builder().timeout(TIMEOUT).build(), (task) -> {
			throw refused;
		}, this.listener);
		assertThat(catchThrowable(() -> limiter.execute(() -> "never"))).isInstanceOf(RejectedExecutionException.class)
			.hasCause(refused);
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 1, 0));
	}

	@Test
	void heapExhaustionIsNotMistakenForARefusedThread() {
		OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
		TimeLimiter limiter = TimeLimiter.of("test", TimeLimiterConfig.builder().timeout(TIMEOUT).build(), (task) -> {
			throw heap;
		}, this.listener);
		assertThat(catchThrowable(() -> limiter.execute(() -> "never"))).isSameAs(heap);
	}

	@Test
	void listenerThatThrowsDoesNotFailTheCall() throws Throwable {
		TimeLimiter limiter = TimeLimiter.of("test", TimeLimiterConfig.builder().timeout(TIMEOUT).build(),
				this.executor, new ResilienceListener() {

					@Override
					public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
						throw new IllegalStateException("listener");
					}

				});
		assertThat(limiter.execute(() -> "ok")).isEqualTo("ok");
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(1, 0, 0));
	}

	@Test
	void countsEachOutcome() throws Throwable {
		TimeLimiter limiter = limiter(true);
		limiter.execute(() -> "ok");
		limiter.execute(() -> "ok");
		catchThrowable(() -> limiter.execute(() -> {
			throw new IOException();
		}));
		catchThrowable(() -> limiter.execute(() -> {
			this.release.await();
			return "late";
		}));
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(2, 1, 1));
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.SUCCESS, TimeLimiterOutcome.SUCCESS,
				TimeLimiterOutcome.FAILURE, TimeLimiterOutcome.TIMEOUT);
	}

	@Test
	void nameAndConfigAreThoseGiven() {
		TimeLimiterConfig config = TimeLimiterConfig.defaults();
		TimeLimiter limiter = TimeLimiter.of("inventory", config, this.executor, this.listener);
		assertThat(limiter.name()).isEqualTo("inventory");
		assertThat(limiter.config()).isSameAs(config);
	}

	private TimeLimiter limiter(boolean cancelRunning) {
		TimeLimiterConfig config = TimeLimiterConfig.builder().timeout(TIMEOUT).cancelRunning(cancelRunning).build();
		return TimeLimiter.of("test", config, this.executor, this.listener);
	}

}
