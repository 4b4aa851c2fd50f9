package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.ResilienceListener.HedgeOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Hedge}: time is a manual clock, hedges are sent by a manual scheduler, and the
 * attempts of asynchronous calls are futures the test completes.
 */
class HedgeTests {

	private static final Duration DELAY = Duration.ofMillis(100);

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final RecordingListener listener = new RecordingListener();

	private final ExecutorService workers = Executors.newCachedThreadPool();

	@AfterEach
	void stopWorkers() {
		this.workers.shutdownNow();
	}

	@Test
	void sendsTheHedgeAtTheDelayAndNotBefore() {
		Attempts attempts = new Attempts();
		hedge(fixed(3)).executeAsync(attempts::start);
		assertThat(attempts.started()).isEqualTo(1);
		this.scheduler.advance(DELAY.minusNanos(1));
		assertThat(attempts.started()).isEqualTo(1);
		this.scheduler.advance(Duration.ofNanos(1));
		assertThat(attempts.started()).isEqualTo(2);
		this.scheduler.advance(DELAY);
		assertThat(attempts.started()).isEqualTo(3);
		this.scheduler.advance(Duration.ofSeconds(10));
		assertThat(attempts.started()).as("never more than max-attempts").isEqualTo(3);
	}

	@Test
	void theFirstSuccessWinsAndTheSlowAttemptIsCancelled() {
		Attempts attempts = new Attempts();
		Hedge hedge = hedge(fixed(2));
		CompletableFuture<String> call = hedge.executeAsync(attempts::start);
		this.scheduler.advance(DELAY);
		attempts.get(2).complete("from the hedge");
		assertThat(call).isCompletedWithValue("from the hedge");
		assertThat(attempts.get(1)).isCancelled();
		attempts.get(1).obtrudeValue("too late");
		assertThat(call).isCompletedWithValue("from the hedge");
		assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(1, 1, 1, 0));
		assertThat(this.listener.outcomes).containsExactly(HedgeOutcome.HEDGE_WON);
	}

	@Test
	void aFirstAttemptThatAnswersInTimeSendsNoHedge() {
		Attempts attempts = new Attempts();
		Hedge hedge = hedge(fixed(2));
		CompletableFuture<String> call = hedge.executeAsync(attempts::start);
		this.scheduler.advance(DELAY.dividedBy(2));
		attempts.get(1).complete("first");
		assertThat(call).isCompletedWithValue("first");
		assertThat(this.scheduler.pending()).as("the hedge's timer is cancelled").isZero();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(attempts.started()).isEqualTo(1);
		assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(1, 0, 0, 0));
		assertThat(this.listener.outcomes).containsExactly(HedgeOutcome.FIRST_WON);
	}

	@Test
	void whenEveryAttemptFailsTheCallFailsWithTheFailureThatCameLast() {
		Attempts attempts = new Attempts();
		CompletableFuture<String> call = hedge(fixed(2)).executeAsync(attempts::start);
		this.scheduler.advance(DELAY);
		IOException hedgeFailure = new IOException("hedge failed first");
		IOException firstFailure = new IOException("first failed last");
		attempts.get(2).completeExceptionally(hedgeFailure);
		assertThat(call).isNotDone();
		attempts.get(1).completeExceptionally(firstFailure);
		assertThat(call).isCompletedExceptionally();
		assertThatThrownBy(call::join).hasCause(firstFailure);
		assertThat(this.listener.outcomes).containsExactly(HedgeOutcome.FAILED);
	}

	@Test
	void aFailureBeforeTheDelaySendsNoHedge() {
		Attempts attempts = new Attempts();
		CompletableFuture<String> call = hedge(fixed(3)).executeAsync(attempts::start);
		IOException failure = new IOException("refused");
		attempts.get(1).completeExceptionally(failure);
		assertThatThrownBy(call::join).hasCause(failure);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(attempts.started()).isEqualTo(1);
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void cancellingTheCallCancelsEveryAttemptAndTheHedgesToCome() {
		Attempts attempts = new Attempts();
		CompletableFuture<String> call = hedge(fixed(3)).executeAsync(attempts::start);
		this.scheduler.advance(DELAY);
		call.cancel(true);
		assertThat(attempts.get(1)).isCancelled();
		assertThat(attempts.get(2)).isCancelled();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(attempts.started()).isEqualTo(2);
	}

	@Test
	void aPercentileDelayWaitsMinDelayUntilTwentyCallsThenFollowsTheLatency() {
		HedgeConfig config = HedgeConfig.builder()
			.delay(HedgeDelay.percentile(95))
			.minDelay(Duration.ofMillis(50))
			.budget(RetryBudgetConfig.disabled())
			.build();
		Hedge hedge = hedge(config);
		assertThat(hedge.delayNanos()).isEqualTo(Duration.ofMillis(50).toNanos());
		for (int i = 0; i < HedgeConfig.MINIMUM_CALLS; i++) {
			callThatAnswersAfter(hedge, Duration.ofMillis(10));
		}
		assertThat((double) hedge.delayNanos()).isCloseTo(10e6, within(10e6 * 0.0625));
		for (int i = 0; i < 2 * LatencyHistogram.GENERATION; i++) {
			callThatAnswersAfter(hedge, Duration.ofMillis(30));
		}
		assertThat((double) hedge.delayNanos()).as("follows the latency up")
			.isCloseTo(30e6, within(30e6 * 0.0625));
		for (int i = 0; i < 2 * LatencyHistogram.GENERATION; i++) {
			callThatAnswersAfter(hedge, Duration.ofMillis(5));
		}
		assertThat((double) hedge.delayNanos()).as("and down").isCloseTo(5e6, within(5e6 * 0.0625));
	}

	@Test
	void theBudgetCapsHedgesUnderAStorm() {
		HedgeConfig config = HedgeConfig.builder()
			.delay(HedgeDelay.of(DELAY))
			.budget(HedgeConfig.budgetBuilder().ratio(0.1).minPerSecond(0).window(Duration.ofHours(1)).build())
			.build();
		Hedge hedge = hedge(config);
		int hedged = 0;
		for (int i = 0; i < 1_000; i++) {
			Attempts attempts = new Attempts();
			CompletableFuture<String> call = hedge.executeAsync(attempts::start);
			this.scheduler.advance(DELAY);
			hedged += attempts.started() - 1;
			attempts.get(1).complete("slow");
			assertThat(call).isCompleted();
		}
		assertThat(hedged).isEqualTo(100);
		assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(1_000, 100, 0, 900));
		assertThat(this.listener.refused).isEqualTo(900);
	}

	@Test
	void resetSetsTheCountsBackToZeroForgetsTheLatencyAndEmptiesTheBudget() {
		HedgeConfig config = HedgeConfig.builder()
			.delay(HedgeDelay.percentile(95))
			.minDelay(Duration.ofMillis(50))
			.budget(HedgeConfig.budgetBuilder().ratio(0).minPerSecond(1).window(Duration.ofSeconds(1)).build())
			.build();
		Hedge hedge = hedge(config);
		for (int i = 0; i < HedgeConfig.MINIMUM_CALLS; i++) {
			callThatAnswersAfter(hedge, Duration.ofMillis(10));
		}
		assertThat(hedge.delayNanos()).isLessThan(Duration.ofMillis(50).toNanos());
		hedgeUntilTheBudgetRefuses(hedge);
		assertThat(hedge.metrics().budgetExhausted()).isPositive();
		hedge.reset();
		assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(0, 0, 0, 0));
		assertThat(hedge.delayNanos()).as("back to min-delay").isEqualTo(Duration.ofMillis(50).toNanos());
		Attempts attempts = new Attempts();
		hedge.executeAsync(attempts::start);
		this.scheduler.advance(Duration.ofMillis(50));
		assertThat(attempts.started()).as("the budget has room again").isEqualTo(2);
		assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(1, 1, 0, 0));
	}

	private void hedgeUntilTheBudgetRefuses(Hedge hedge) {
		for (int i = 0; i < 10 && hedge.metrics().budgetExhausted() == 0; i++) {
			Attempts attempts = new Attempts();
			CompletableFuture<String> call = hedge.executeAsync(attempts::start);
			this.scheduler.advance(Duration.ofMillis(40));
			attempts.get(1).complete("slow");
			assertThat(call).isCompleted();
		}
	}

	@Test
	void aSynchronousCallRunsItsAttemptsOnWorkersAndInterruptsTheLoser() throws Exception {
		Hedge hedge = hedge(fixed(2));
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch firstInterrupted = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		Thread[] caller = new Thread[1];
		ExecutorService callers = Executors.newSingleThreadExecutor();
		try {
			Hedge.Attempt<String> attempt = (number) -> {
				synchronized (threads) {
					threads.add(Thread.currentThread());
				}
				if (number == 2) {
					return "hedge";
				}
				firstStarted.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					firstInterrupted.countDown();
				}
				return "first";
			};
			Future<String> call = callers.submit(() -> {
				caller[0] = Thread.currentThread();
				try {
					return hedge.execute(attempt);
				}
				catch (Throwable ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.pending() == 1);
			this.scheduler.advance(DELAY);
			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("hedge");
			assertThat(firstInterrupted.await(10, TimeUnit.SECONDS)).as("the slow attempt is interrupted").isTrue();
			assertThat(threads).doesNotContain(caller[0]).hasSize(2);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aSynchronousCallThrowsTheFailureAsItWas() {
		Hedge hedge = hedge(fixed(2));
		IllegalStateException failure = new IllegalStateException("bad input");
		assertThatThrownBy(() -> hedge.execute((number) -> {
			throw failure;
		})).isSameAs(failure);
	}

	@Test
	void rejectsSettingsOutOfRange() {
		assertThatThrownBy(() -> HedgeConfig.builder().maxAttempts(1)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("max-attempts");
		assertThatThrownBy(() -> HedgeDelay.parsePercentile("p100")).isInstanceOf(InvalidConfigurationException.class);
		assertThatThrownBy(() -> HedgeDelay.parsePercentile("fast")).isInstanceOf(InvalidConfigurationException.class);
		assertThat(HedgeDelay.parsePercentile("p95")).isEqualTo(HedgeDelay.percentile(95));
		assertThat(HedgeDelay.parsePercentile("p99.9").percentile()).isEqualTo(99.9);
		assertThat(HedgeDelay.isPercentile("p90")).isTrue();
		assertThat(HedgeDelay.isPercentile("90ms")).isFalse();
		assertThat(HedgeDelay.percentile(95)).hasToString("p95");
	}

	private void callThatAnswersAfter(Hedge hedge, Duration latency) {
		Attempts attempts = new Attempts();
		CompletableFuture<String> call = hedge.executeAsync(attempts::start);
		this.clock.advance(latency);
		attempts.get(1).complete("ok");
		assertThat(call).isCompleted();
	}

	private static HedgeConfig fixed(int maxAttempts) {
		return HedgeConfig.builder()
			.maxAttempts(maxAttempts)
			.delay(HedgeDelay.of(DELAY))
			.budget(RetryBudgetConfig.disabled())
			.build();
	}

	private Hedge hedge(HedgeConfig config) {
		return Hedge.of("hedged", config, this.workers, this.scheduler, this.clock, this.listener);
	}

	/** The attempts of one asynchronous call, futures the test completes. */
	private static final class Attempts {

		private final List<CompletableFuture<String>> started = new ArrayList<>();

		synchronized CompletableFuture<String> start(int number) {
			assertThat(number).isEqualTo(this.started.size() + 1);
			CompletableFuture<String> attempt = new CompletableFuture<>();
			this.started.add(attempt);
			return attempt;
		}

		synchronized int started() {
			return this.started.size();
		}

		synchronized CompletableFuture<String> get(int number) {
			return this.started.get(number - 1);
		}

	}

	private static final class RecordingListener implements ResilienceListener {

		final List<HedgeOutcome> outcomes = new ArrayList<>();

		int refused;

		@Override
		public synchronized void onHedgeCall(String name, HedgeOutcome outcome, int hedgesSent) {
			this.outcomes.add(outcome);
		}

		@Override
		public synchronized void onHedgeBudgetExhausted(String name, int attempt) {
			this.refused++;
		}

	}

}
