package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.resilience.core.ResilienceListener.LimitOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of one concurrency limit under many threads, released together by a start gate, that
 * take slots every way there is, wait, time out and give up: the calls in flight never exceed the
 * limit, no slot is lost, no waiter is forgotten, and every call is counted once.
 */
@Timeout(120)
class ConcurrencyLimitConcurrencyTests {

	private static final int THREADS = 16;

	private static final int ITERATIONS = 10_000;

	private static final int LIMIT = 4;

	private static final long RESULT_WAIT_SECONDS = 60;

	private static final int HAND_OVER_ROUNDS = 20_000;

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	private final ScheduledExecutorService timer = DelayScheduler.createExecutor();

	private final ConcurrencyLimitRecordingListener listener = new ConcurrencyLimitRecordingListener(
			Clock.system());

	/** Calls inside their critical section now, and the most there ever were. */
	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger maxRunning = new AtomicInteger();

	private final LongAdder obtained = new LongAdder();

	private final LongAdder refused = new LongAdder();

	ConcurrencyLimitConcurrencyTests() {
		this.listener.countOnly();
	}

	@AfterEach
	void shutdown() throws InterruptedException {
		this.executor.shutdownNow();
		this.timer.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void neverExceedsTheLimitAndLosesNoSlotWithTimeoutsAndCancellations() throws Exception {
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().limit(LIMIT).maxWait(Duration.ofMillis(1)).build(), Clock.system(),
				DelayScheduler.of(this.timer), this.listener);
		runTogether(() -> {
			for (int i = 0; i < ITERATIONS; i++) {
				callOnce(limit, randomDeadline());
			}
		});
		assertNoSlotLostAndAllCounted(limit, LIMIT);
		assertThat(this.refused.sum()).as("some waits timed out").isPositive();
	}

	@Test
	void everyWaiterIsServedWhenWaitsNeverTimeOut() throws Exception {
		DelayScheduler neverFires = (task, delayNanos) -> () -> {
		};
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().limit(LIMIT).maxWait(Duration.ofHours(1)).build(), Clock.system(),
				neverFires, this.listener);
		// a lost wake-up leaves a waiter waiting for good: the test then fails at its timeout
		runTogether(() -> {
			for (int i = 0; i < ITERATIONS; i++) {
				callOnce(limit, null);
			}
		});
		assertNoSlotLostAndAllCounted(limit, LIMIT);
		assertThat(this.refused.sum()).isZero();
	}

	@Test
	void slotReleasedWhileACallStartsWaitingIsHandedToIt() throws Exception {
		DelayScheduler neverFires = (task, delayNanos) -> () -> {
		};
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().limit(1).maxWait(Duration.ofHours(1)).build(), Clock.system(),
				neverFires, this.listener);
		CyclicBarrier together = new CyclicBarrier(2);
		for (int round = 0; round < HAND_OVER_ROUNDS; round++) {
			long held = limit.tryAcquire();
			assertThat(held).as("round %d", round).isNotEqualTo(ConcurrencyLimit.REFUSED);
			Future<CompletableFuture<Long>> waiting = this.executor.submit(() -> {
				together.await();
				return limit.acquireAsync(null);
			});
			together.await();
			limit.release(held);
			CompletableFuture<Long> wait = waiting.get(RESULT_WAIT_SECONDS, TimeUnit.SECONDS);
			// the slot is free by now: the call took it at once, or waits and must have been handed it
			assertThat(wait).as("round %d", round).isCompletedWithValue(0L);
			limit.release(wait.join());
		}
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void adaptiveLimitLosesNoSlot() throws Exception {
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder()
					.adaptive(true)
					.limit(LIMIT)
					.minLimit(1)
					.maxLimit(4 * LIMIT)
					.maxWait(Duration.ofMillis(1))
					.build(),
				Clock.system(), DelayScheduler.of(this.timer), this.listener);
		runTogether(() -> {
			for (int i = 0; i < ITERATIONS; i++) {
				callOnce(limit, randomDeadline());
			}
		});
		assertNoSlotLostAndAllCounted(limit, 4 * LIMIT);
	}

	/** Takes a slot one of four ways, holds it for a moment, and gives it back. */
	private void callOnce(ConcurrencyLimit limit, @Nullable Deadline deadline) throws InterruptedException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long token;
		switch (random.nextInt(4)) {
			case 0 -> token = limit.tryAcquire();
			case 1 -> {
				try {
					token = limit.acquire(deadline);
				}
				catch (LimitExceededException ex) {
					this.refused.increment();
					token = ConcurrencyLimit.REFUSED;
				}
			}
			case 2 -> token = join(limit.acquireAsync(deadline));
			default -> {
				CompletableFuture<Long> wait = limit.acquireAsync(deadline);
				if (wait.cancel(false)) {
					return;
				}
				// a slot or a refusal came first
				token = join(wait);
			}
		}
		if (token == ConcurrencyLimit.REFUSED) {
			return;
		}
		this.obtained.increment();
		int now = this.running.incrementAndGet();
		this.maxRunning.accumulateAndGet(now, Math::max);
		for (int spin = random.nextInt(50); spin > 0; spin--) {
			Thread.onSpinWait();
		}
		this.running.decrementAndGet();
		limit.release(token);
	}

	private long join(CompletableFuture<Long> wait) {
		try {
			return wait.join();
		}
		catch (CompletionException ex) {
			assertThat(ex).hasCauseInstanceOf(LimitExceededException.class);
			this.refused.increment();
			return ConcurrencyLimit.REFUSED;
		}
	}

	private @Nullable Deadline randomDeadline() {
		return switch (ThreadLocalRandom.current().nextInt(3)) {
			case 0 -> null;
			case 1 -> Deadline.within(Duration.ZERO, Clock.system());
			default -> Deadline.within(Duration.ofMillis(5), Clock.system());
		};
	}

	private void assertNoSlotLostAndAllCounted(ConcurrencyLimit limit, int highestLimit) {
		assertThat(this.maxRunning.get()).isPositive().isLessThanOrEqualTo(highestLimit);
		assertThat(limit.inFlight()).isZero();
		assertThat(((DefaultConcurrencyLimit) limit).slots().waiting()).isZero();
		assertThat(limit.metrics().permittedCalls()).isEqualTo(this.obtained.sum());
		assertThat(limit.metrics().rejectedCalls()).isEqualTo(this.refused.sum());
		assertThat(this.listener.calls(LimitOutcome.PERMITTED)).isEqualTo(this.obtained.sum());
		assertThat(this.listener.calls(LimitOutcome.REJECTED)).isEqualTo(this.refused.sum());
	}

	private void runTogether(ThrowingRunnable task) throws Exception {
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.executor.submit(() -> {
				ready.countDown();
				start.await();
				task.run();
				return null;
			}));
		}
		ready.await();
		start.countDown();
		for (Future<?> future : futures) {
			future.get(RESULT_WAIT_SECONDS, TimeUnit.SECONDS);
		}
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
