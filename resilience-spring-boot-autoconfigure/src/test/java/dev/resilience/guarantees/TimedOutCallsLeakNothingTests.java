package dev.resilience.guarantees;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimitExceededException;
import dev.resilience.core.TimeLimiterExecutors;
import dev.resilience.core.TimeLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Calls that time out leave nothing behind, on the time limiter's auto-configured worker
 * threads: 10,000 timed-out calls, made by several threads at once with a timeout of 1ms, leave
 * the number of live threads within a small multiple of the callers, no body still running and the heap as it
 * was; a body that ignores interruption still hands control back at the timeout, and what it
 * returns or throws later is discarded without an error.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class TimedOutCallsLeakNothingTests {

	private static final int CALLS = 10_000;

	/** Callers at once. */
	private static final int CALLERS = 4;

	/**
	 * The most worker threads the calls may leave alive: the pool keeps a thread per call in
	 * flight (plus those still unwinding from an interrupt) for a minute, never one per call made.
	 */
	private static final int MAX_WORKERS = 16 * CALLERS;

	/** What the heap may grow by: 4MB, about a hundred times what 10,000 calls were measured to leave. */
	private static final long HEAP_TOLERANCE = 4L * 1024 * 1024;

	private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(SlowService.class);

	@AfterEach
	void shutdown() {
		this.callers.shutdownNow();
	}

	@Test
	void tenThousandTimedOutCallsLeaveThreadsAndHeapFlat() {
		this.runner.run((context) -> {
			SlowService service = context.getBean(SlowService.class);
			// Warm up: the pool starts its threads, classes load, the JIT compiles.
			callConcurrently(service, 500);
			await().atMost(Duration.ofSeconds(10)).until(() -> service.running() == 0);
			int threadsBefore = liveThreads();
			long heapBefore = Heap.usedAfterGc();

			List<Throwable> unexpected = callConcurrently(service, CALLS);

			assertThat(unexpected).isEmpty();
			await().atMost(Duration.ofSeconds(10)).until(() -> service.running() == 0);
			assertThat(service.interrupted()).isEqualTo(service.started());
			assertThat(liveThreads()).isLessThanOrEqualTo(threadsBefore + MAX_WORKERS);
			assertThat(timeLimiterThreads()).isLessThanOrEqualTo(MAX_WORKERS);
			assertThat(Heap.usedAfterGc()).isLessThan(heapBefore + HEAP_TOLERANCE);
			TimeLimiter limiter = context.getBean(ResilienceRegistry.class).findTimeLimiter("slow").get();
			assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 500 + CALLS));
		});
	}

	@Test
	void bodyThatIgnoresInterruptionHandsControlBackAtTheTimeoutAndItsResultIsDiscarded(CapturedOutput output) {
		this.runner.run((context) -> {
			SlowService service = context.getBean(SlowService.class);
			CountDownLatch release = new CountDownLatch(1);
			long start = System.nanoTime();
			Throwable thrown = catchThrowable(() -> service.stubborn(release, false));
			long elapsed = System.nanoTime() - start;

			assertThat(thrown).isInstanceOf(TimeLimitExceededException.class);
			assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(50))
				.isLessThan(Duration.ofSeconds(5));
			assertThat(service.stubbornFinished()).isZero();
			release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> service.stubbornFinished() == 1);
			TimeLimiter limiter = context.getBean(ResilienceRegistry.class).findTimeLimiter("stubborn").get();
			assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
			assertThat(output).doesNotContain("late answer").doesNotContain("Exception");
		});
	}

	@Test
	void bodyThatFailsAfterTheTimeoutIsDiscardedWithoutError(CapturedOutput output) {
		this.runner.run((context) -> {
			SlowService service = context.getBean(SlowService.class);
			CountDownLatch release = new CountDownLatch(1);
			AtomicReference<Throwable> uncaught = new AtomicReference<>();
			Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
			Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> uncaught.set(ex));
			try {
				assertThat(catchThrowable(() -> service.stubborn(release, true)))
					.isInstanceOf(TimeLimitExceededException.class);
				release.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> service.stubbornFinished() == 1);
			}
			finally {
				Thread.setDefaultUncaughtExceptionHandler(previous);
			}
			assertThat(uncaught).hasNullValue();
			TimeLimiter limiter = context.getBean(ResilienceRegistry.class).findTimeLimiter("stubborn").get();
			assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
			assertThat(output).doesNotContain("late failure").doesNotContain("Exception");
		});
	}

	/**
	 * Makes the calls from {@link #CALLERS} threads at once.
	 * @return what the callers got other than a {@link TimeLimitExceededException}
	 */
	private List<Throwable> callConcurrently(SlowService service, int calls) throws Exception {
		AtomicInteger left = new AtomicInteger(calls);
		List<Future<List<Throwable>>> futures = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			futures.add(this.callers.submit(() -> {
				List<Throwable> unexpected = new ArrayList<>();
				while (left.getAndDecrement() > 0) {
					Throwable thrown = catchThrowable(service::hang);
					if (!(thrown instanceof TimeLimitExceededException)) {
						unexpected.add(thrown);
					}
				}
				return unexpected;
			}));
		}
		List<Throwable> unexpected = new ArrayList<>();
		for (Future<List<Throwable>> future : futures) {
			unexpected.addAll(future.get(30, TimeUnit.SECONDS));
		}
		return unexpected;
	}

	private static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	private static long timeLimiterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(TimeLimiterExecutors.THREAD_NAME_PREFIX))
			.count();
	}

	/**
	 * Time-limited methods whose bodies outlive their timeout: one that honours interruption,
	 * one that ignores it. Counts bodies started, interrupted, running and finished.
	 */
	static class SlowService {

		private final AtomicInteger started = new AtomicInteger();

		private final AtomicInteger interrupted = new AtomicInteger();

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger stubbornFinished = new AtomicInteger();

		@TimeLimited(name = "slow", timeout = "1ms")
		public String hang() {
			this.started.incrementAndGet();
			this.running.incrementAndGet();
			try {
				new CountDownLatch(1).await();
				return "never";
			}
			catch (InterruptedException ex) {
				this.interrupted.incrementAndGet();
				return "interrupted";
			}
			finally {
				this.running.decrementAndGet();
			}
		}

		@TimeLimited(name = "stubborn", timeout = "50ms")
		public String stubborn(CountDownLatch release, boolean fail) {
			try {
				while (true) {
					try {
						release.await();
						if (fail) {
							throw new IllegalStateException("late failure");
						}
						return "late answer";
					}
					catch (InterruptedException ex) {
						// ignores interruption, as badly behaved libraries do
					}
				}
			}
			finally {
				this.stubbornFinished.incrementAndGet();
			}
		}

		public int started() {
			return this.started.get();
		}

		public int interrupted() {
			return this.interrupted.get();
		}

		public int running() {
			return this.running.get();
		}

		public int stubbornFinished() {
			return this.stubbornFinished.get();
		}

	}

}
