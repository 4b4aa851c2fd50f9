package dev.resilience.core;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TimeLimiter.Plan}: the time one call is given, and its outcome recorded
 * exactly once.
 */
class TimeLimitPlanTests {

	private final ManualClock clock = new ManualClock();

	private final TimeLimiter limiter = TimeLimiter.of("test",
			TimeLimiterConfig.builder().timeout(Duration.ofMillis(100)).build(), Runnable::run,
			new ManualScheduler(this.clock), this.clock, new ResilienceListener() {
			});

	@Test
	void givesTheTimeoutWithoutADeadline() {
		TimeLimiter.Plan plan = this.limiter.plan(null);
		assertThat(plan.allowedNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
		assertThat(plan.deadline().remaining()).isEqualTo(Duration.ofMillis(100));
		assertThat(plan.exceeded()).hasMessage("Time limiter 'test' cut the call off after 100ms");
	}

	@Test
	void givesWhatASoonerDeadlineLeavesAndNamesThatTime() {
		Deadline deadline;
		try (Deadline.Scope scope = Deadline.within(Duration.ofMillis(30), this.clock).attach()) {
			deadline = Deadline.current();
		}
		TimeLimiter.Plan plan = this.limiter.plan(deadline);
		assertThat(plan.allowedNanos()).isEqualTo(Duration.ofMillis(30).toNanos());
		assertThat(plan.exceeded()).hasMessage("Time limiter 'test' cut the call off after 30ms");
	}

	@Test
	void givesNothingOnceTheDeadlineHasPassed() {
		Deadline deadline = Deadline.within(Duration.ofMillis(30), this.clock);
		this.clock.advance(Duration.ofMillis(50));
		assertThat(this.limiter.plan(deadline).allowedNanos()).isZero();
	}

	@Test
	void resetSetsTheCountsBackToZero() {
		this.limiter.plan(null).onSuccess();
		this.limiter.plan(null).onFailure();
		this.limiter.plan(null).onTimeout();
		assertThat(this.limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(1, 1, 1));
		this.limiter.reset();
		assertThat(this.limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 0));
		this.limiter.plan(null).onTimeout();
		assertThat(this.limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
	}

	@Test
	void recordsOnlyTheFirstOutcome() {
		TimeLimiter.Plan plan = this.limiter.plan(null);
		assertThat(plan.onTimeout()).isTrue();
		assertThat(plan.onSuccess()).isFalse();
		assertThat(plan.onFailure()).isFalse();
		assertThat(this.limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
	}

	@Test
	void aCancelledCallRecordsNothing() {
		TimeLimiter.Plan plan = this.limiter.plan(null);
		plan.onCancel();
		assertThat(plan.onSuccess()).isFalse();
		assertThat(this.limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 0));
	}

	@Test
	void theWorkAndTheTimerRacingRecordOneOutcomePerCall() throws Exception {
		int calls = 10_000;
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < calls; i++) {
				TimeLimiter.Plan plan = this.limiter.plan(null);
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Boolean> work = threads.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					return plan.onSuccess();
				});
				Future<Boolean> timer = threads.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					return plan.onTimeout();
				});
				assertThat(work.get(5, TimeUnit.SECONDS) ^ timer.get(5, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		TimeLimiter.Metrics metrics = this.limiter.metrics();
		assertThat(metrics.successful() + metrics.timedOut()).isEqualTo(calls);
		assertThat(metrics.failed()).isZero();
	}

}
