package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests of one rate limiter under many threads, released together by a start gate: whatever the
 * interleaving, no period ever holds more than {@code limit} starts, and every call is counted
 * once. Each start is computed from the clock reading the limiter took and the wait it returned,
 * so no test sleeps.
 */
@Timeout(60)
class RateLimiterConcurrencyTests {

	private static final int THREADS = 8;

	private static final int CALLS_PER_THREAD = 20_000;

	private static final int TOTAL = THREADS * CALLS_PER_THREAD;

	private static final Sleeper NEVER_SLEEPS = (nanos) -> {
		throw new AssertionError("reserve never waits");
	};

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void concurrentCallsReserveExactlyWhatOneThreadWould() throws Exception {
		// every reading moves the clock by 1us, so the calls themselves make time pass; without a
		// deadline the limiter reads the clock once per call, inside its lock, so the n-th call to
		// get the lock reads n ticks on whichever thread: the outcome cannot depend on the threads
		RateLimiterConfig config = RateLimiterConfig.builder()
			.limit(50)
			.period(Duration.ofMillis(1))
			.maxWait(Duration.ofNanos(300_000))
			.build();
		TickingClock concurrentClock = new TickingClock(-Duration.ofMillis(80).toNanos(), 1_000);
		RateLimiter concurrent = RateLimiter.of("orders", config, concurrentClock, NEVER_SLEEPS,
				new ResilienceListener() {
				});
		List<List<Long>> perThread = runTogether(() -> {
			List<Long> starts = new ArrayList<>();
			for (int i = 0; i < CALLS_PER_THREAD; i++) {
				long wait = concurrent.reserve(null);
				if (wait != RateLimiter.REFUSED) {
					assertThat(wait).isBetween(0L, Duration.ofNanos(300_000).toNanos());
					starts.add(concurrentClock.lastReading() + wait);
				}
			}
			return starts;
		});
		long[] starts = sorted(perThread);
		assertNoPeriodHoldsMoreThanTheLimit(starts, 50, Duration.ofMillis(1).toNanos());

		TickingClock sequentialClock = new TickingClock(-Duration.ofMillis(80).toNanos(), 1_000);
		RateLimiter sequential = RateLimiter.of("orders", config, sequentialClock, NEVER_SLEEPS,
				new ResilienceListener() {
				});
		List<Long> expected = new ArrayList<>();
		for (int i = 0; i < TOTAL; i++) {
			long wait = sequential.reserve(null);
			if (wait != RateLimiter.REFUSED) {
				expected.add(sequentialClock.lastReading() + wait);
			}
		}
		assertThat(starts).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
		assertThat(concurrent.metrics()).isEqualTo(sequential.metrics());
		RateLimiter.Metrics metrics = concurrent.metrics();
		assertThat(metrics.permittedCalls()).isEqualTo(starts.length);
		assertThat(metrics.permittedCalls() + metrics.rejectedCalls()).isEqualTo(TOTAL);
		assertThat(metrics.waitedCalls()).isPositive();
		assertThat(metrics.rejectedCalls()).isPositive();
	}

	@Test
	void callersMovingTheClockNeverGetMoreThanTheLimitInAnyPeriod() throws Exception {
		int limit = 20;
		long period = Duration.ofNanos(500_000).toNanos();
		long maxWait = Duration.ofNanos(300_000).toNanos();
		long deadlineBound = Duration.ofNanos(200_000).toNanos();
		ManualClock time = new ManualClock();
		RecordingClock clock = new RecordingClock(time);
		RateLimiter limiter = RateLimiter.of("orders",
				RateLimiterConfig.builder()
					.limit(limit)
					.period(Duration.ofNanos(period))
					.maxWait(Duration.ofNanos(maxWait))
					.build(),
				clock, time, new ResilienceListener() {
				});
		AtomicLong waited = new AtomicLong();
		List<List<Long>> perThread = runTogether(() -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			List<Long> starts = new ArrayList<>();
			for (int i = 0; i < CALLS_PER_THREAD; i++) {
				time.advance(Duration.ofNanos(random.nextLong(2_000)));
				@Nullable Deadline deadline = null;
				long latestEnd = Long.MAX_VALUE;
				if (i % 2 == 0) {
					deadline = Deadline.within(Duration.ofNanos(deadlineBound), time);
					latestEnd = time.nanoTime() + deadlineBound;
				}
				long wait = limiter.reserve(deadline);
				if (wait == RateLimiter.REFUSED) {
					continue;
				}
				long start = clock.lastReading() + wait;
				assertThat(wait).isBetween(0L, maxWait);
				assertThat(start).isLessThan(latestEnd);
				if (wait > 0) {
					waited.incrementAndGet();
				}
				starts.add(start);
			}
			return starts;
		});
		long[] starts = sorted(perThread);
		assertNoPeriodHoldsMoreThanTheLimit(starts, limit, period);
		RateLimiter.Metrics metrics = limiter.metrics();
		assertThat(metrics.permittedCalls()).isEqualTo(starts.length);
		assertThat(metrics.permittedCalls() + metrics.rejectedCalls()).isEqualTo(TOTAL);
		assertThat(metrics.waitedCalls()).isEqualTo(waited.get()).isPositive();
		assertThat(metrics.rejectedCalls()).isPositive();
	}

	/** For starts in order: any {@code limit + 1} of them in a row span at least one period. */
	private static void assertNoPeriodHoldsMoreThanTheLimit(long[] starts, int limit, long period) {
		assertThat(starts.length).isGreaterThan(limit);
		for (int i = 0; i + limit < starts.length; i++) {
			if (starts[i + limit] - starts[i] < period) {
				fail("%d starts within %dns, from %d to %d", limit + 1, starts[i + limit] - starts[i], starts[i],
						starts[i + limit]);
			}
		}
	}

	private static long[] sorted(List<List<Long>> perThread) {
		return perThread.stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
	}

	private <T> List<T> runTogether(Callable<T> task) throws Exception {
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.executor.submit(() -> {
				ready.countDown();
				start.await();
				return task.call();
			}));
		}
		ready.await();
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get());
		}
		return results;
	}

	/**
	 * A clock that moves by one tick on every reading, and remembers the last reading of each
	 * thread. Allocates nothing once a thread has read it.
	 */
	static final class TickingClock implements Clock {

		private final AtomicLong nanos;

		private final long tick;

		private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[1]);

		TickingClock(long start, long tick) {
			this.nanos = new AtomicLong(start);
			this.tick = tick;
		}

		@Override
		public long nanoTime() {
			long now = this.nanos.addAndGet(this.tick);
			this.last.get()[0] = now;
			return now;
		}

		@Override
		public long currentTimeMillis() {
			return 0;
		}

		long lastReading() {
			return this.last.get()[0];
		}

	}

	/**
	 * Reads another clock and remembers the last reading of each thread.
	 */
	private static final class RecordingClock implements Clock {

		private final Clock clock;

		private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[1]);

		RecordingClock(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long nanoTime() {
			long now = this.clock.nanoTime();
			this.last.get()[0] = now;
			return now;
		}

		@Override
		public long currentTimeMillis() {
			return this.clock.currentTimeMillis();
		}

		long lastReading() {
			return this.last.get()[0];
		}

	}

}
