package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic every {@link RetryBudget} shares, whatever keeps its counts: each subclass
 * creates its kind of budget, and the same assertions run on a manual clock. Windows are ten
 * seconds, far longer than a test takes: a budget kept in Redis lets its key expire in real time,
 * whatever the manual clock says.
 */
public abstract class RetryBudgetContract {

	protected final ManualClock clock = new ManualClock();

	/**
	 * Creates the budget under test.
	 * @param config the settings
	 * @param clock the source of time
	 * @return a new budget that has counted nothing yet
	 */
	protected abstract RetryBudget newBudget(RetryBudgetConfig config, Clock clock);

	@Test
	void quietTrafficIsNeverThrottled() {
		RetryBudget budget = newBudget(RetryBudgetConfig.defaults(), this.clock);
		for (int second = 0; second < 1_000; second++) {
			budget.recordFirstAttempt();
			assertThat(budget.tryAcquireRetry()).isTrue();
			assertThat(budget.tryAcquireRetry()).isTrue();
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(budget.exhausted()).isZero();
	}

	@Test
	void fullOutageAtOneHundredCallsPerSecondIsHeldToTheBoundOverEveryWindow() {
		RetryBudgetConfig config = RetryBudgetConfig.defaults();
		RetryBudget budget = newBudget(config, this.clock);
		List<Long> firstAttempts = new ArrayList<>();
		List<Long> retries = new ArrayList<>();
		for (int tick = 0; tick < 6_000; tick++) {
			budget.recordFirstAttempt();
			firstAttempts.add(this.clock.nanoTime());
			for (int retry = 0; retry < 3; retry++) {
				if (budget.tryAcquireRetry()) {
					retries.add(this.clock.nanoTime());
				}
			}
			this.clock.advance(Duration.ofMillis(10));
		}
		long window = config.window().toNanos();
		for (long end : retries) {
			long spent = retries.stream().filter((t) -> t > end - window && t <= end).count();
			long earned = firstAttempts.stream().filter((t) -> t > end - window && t <= end).count();
			assertThat((double) spent).isLessThanOrEqualTo(10 * 10 + 0.2 * earned);
		}
		// 60 s of outage: at most about 300 retries per 10 s instead of 3 per call (18,000)
		assertThat(retries).hasSizeBetween(6 * 250, 6 * 300 + 300);
		assertThat(budget.exhausted()).isEqualTo(18_000 - retries.size());
	}

	@Test
	void aRetryStaysCountedForAWholeWindow() {
		RetryBudget budget = newBudget(RetryBudgetConfig.builder().ratio(0).minPerSecond(1).build(), this.clock);
		for (int i = 0; i < 10; i++) {
			assertThat(budget.tryAcquireRetry()).isTrue();
		}
		assertThat(budget.tryAcquireRetry()).isFalse();
		this.clock.advance(Duration.ofSeconds(10).minusNanos(1));
		assertThat(budget.tryAcquireRetry()).isFalse();
		this.clock.advance(Duration.ofSeconds(1).plusNanos(1));
		assertThat(budget.tryAcquireRetry()).isTrue();
	}

	@Test
	void firstAttemptsEarnRetriesOnlyWhileInsideTheWindow() {
		RetryBudget budget = newBudget(RetryBudgetConfig.builder().ratio(0.5).minPerSecond(0).build(),
				this.clock);
		for (int i = 0; i < 4; i++) {
			budget.recordFirstAttempt();
		}
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(budget.tryAcquireRetry()).isFalse();
		budget.recordFirstAttempt();
		budget.recordFirstAttempt();
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isFalse();
	}

	@Test
	void firstAttemptsCountedBeforeADecisionEarnOnlyWhileTheirSlotIsInsideTheWindow() {
		RetryBudget budget = newBudget(RetryBudgetConfig.builder().ratio(0.5).minPerSecond(0).build(), this.clock);
		for (int i = 0; i < 4; i++) {
			budget.recordFirstAttempt();
		}
		this.clock.advance(Duration.ofMillis(9_500));
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isFalse();
		// their slot, [0s, 1s), has left the window (0.5s, 10.5s]; the retries have not
		this.clock.advance(Duration.ofSeconds(1));
		budget.recordFirstAttempt();
		budget.recordFirstAttempt();
		assertThat(budget.tryAcquireRetry()).isFalse();
		assertThat(budget.exhausted()).isEqualTo(2);
	}

	@Test
	void askingForRoomCountsNoRetryButCountsARefusal() {
		RetryBudget budget = newBudget(RetryBudgetConfig.builder().ratio(0).minPerSecond(1).build(), this.clock);
		for (int i = 0; i < 20; i++) {
			assertThat(budget.hasRoomForRetry()).isTrue();
		}
		for (int i = 0; i < 10; i++) {
			assertThat(budget.tryAcquireRetry()).isTrue();
		}
		assertThat(budget.hasRoomForRetry()).isFalse();
		assertThat(budget.exhausted()).isOne();
	}

	@Test
	void disabledBudgetNeverRefuses() {
		RetryBudget budget = newBudget(RetryBudgetConfig.disabled(), this.clock);
		for (int i = 0; i < 10_000; i++) {
			assertThat(budget.tryAcquireRetry()).isTrue();
		}
		assertThat(budget.exhausted()).isZero();
	}

	@Test
	void concurrentCallersGetExactlyTheBound() throws Exception {
		RetryBudget budget = newBudget(RetryBudgetConfig.defaults(), this.clock);
		int threads = 16;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			runTogether(pool, threads, () -> {
				for (int i = 0; i < 1_000; i++) {
					budget.recordFirstAttempt();
				}
			});
			// a budget that keeps its counts elsewhere sends the first attempts with its next
			// decision: ask once, so that the racing decisions below all see them
			assertThat(budget.hasRoomForRetry()).isTrue();
			AtomicInteger granted = new AtomicInteger();
			runTogether(pool, threads, () -> {
				for (int i = 0; i < 1_000; i++) {
					if (budget.tryAcquireRetry()) {
						granted.incrementAndGet();
					}
				}
			});
			assertThat(granted).hasValue(100 + (int) (0.2 * threads * 1_000));
			assertThat(budget.exhausted()).isEqualTo(threads * 1_000L - granted.get());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void resetForgetsRetriesFirstAttemptsAndRefusals() {
		RetryBudget budget = newBudget(RetryBudgetConfig.builder().ratio(1).minPerSecond(0).build(), this.clock);
		for (int i = 0; i < 3; i++) {
			budget.recordFirstAttempt();
		}
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isTrue();
		budget.reset();
		assertThat(budget.exhausted()).isZero();
		// the first attempts before the reset earn nothing any more
		assertThat(budget.tryAcquireRetry()).isFalse();
		assertThat(budget.exhausted()).isOne();
		budget.recordFirstAttempt();
		budget.recordFirstAttempt();
		// the two retries before the reset are spent no longer: two new first attempts earn two
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isTrue();
		assertThat(budget.tryAcquireRetry()).isFalse();
	}

	protected static void runTogether(ExecutorService pool, int threads, Runnable work) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			futures.add(pool.submit(() -> {
				start.await();
				work.run();
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.SECONDS);
		}
	}

}
