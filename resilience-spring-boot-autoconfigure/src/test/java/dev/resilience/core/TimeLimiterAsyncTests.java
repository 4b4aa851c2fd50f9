package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TimeLimiter#executeAsync}: the stage races a timer of the scheduler, and no
 * thread waits for it.
 */
class TimeLimiterAsyncTests {

	private static final Executor NO_WORKER = (task) -> {
		throw new AssertionError("asynchronous calls need no worker thread");
	};

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final List<TimeLimiterOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final ResilienceListener listener = new ResilienceListener() {

		@Override
		public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
			TimeLimiterAsyncTests.this.outcomes.add(outcome);
		}

	};

	@Test
	void stageThatCompletesInTimeGivesItsValueAndCancelsTheTimer() {
		TimeLimiter limiter = limiter(true);
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> result = limiter.executeAsync(() -> work);
		assertThat(result).isNotDone();
		assertThat(this.scheduler.pending()).isOne();
		work.complete("ok");
		assertThat(result).isCompletedWithValue("ok");
		assertThat(this.scheduler.pending()).isZero();
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.SUCCESS);
	}

	@Test
	void neverCompletingStageFailsAtTheTimeoutAndIsCancelled() {
		TimeLimiter limiter = limiter(true);
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> result = limiter.executeAsync(() -> work);
		this.scheduler.advance(Duration.ofMillis(99));
		assertThat(result).isNotDone();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(result).isCompletedExceptionally();
		assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class)
			.hasMessage("Time limiter 'test' cut the call off after 100ms");
		assertThat(work).isCancelled();
		assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
	}

	@Test
	void withoutCancelRunningAStageReturnedAfterTheTimeoutRunsOn() {
		TimeLimiter limiter = limiter(false);
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> result = limiter.executeAsync(() -> {
			// the method takes longer than the timeout to return its stage
			this.scheduler.advance(Duration.ofMillis(150));
			return work;
		});
		assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class);
		assertThat(work).isNotCancelled();
	}

	@Test
	void aDeadlineSoonerThanTheTimeoutIsTheTimeReported() {
		TimeLimiter limiter = limiter(true);
		CompletableFuture<String> result;
		try (Deadline.Scope scope = Deadline.within(Duration.ofMillis(40), this.clock).attach()) {
			result = limiter.executeAsync(CompletableFuture::new);
		}
		this.scheduler.advance(Duration.ofMillis(40));
		assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class)
			.hasMessage("Time limiter 'test' cut the call off after 40ms");
	}

	@Test
	void withoutCancelRunningTheStageRunsOnAndItsResultIsDiscarded() {
		TimeLimiter limiter = limiter(false);
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> result = limiter.executeAsync(() -> work);
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(work).isNotDone();
		work.complete("late");
		assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class);
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.TIMEOUT);
	}

	@Test
	void failureOfTheStageIsPassedOnUnwrapped() {
		TimeLimiter limiter = limiter(true);
		IOException failure = new IOException("down");
		CompletableFuture<String> result = limiter
			.executeAsync(() -> CompletableFuture.<String>failedFuture(failure).thenApply((value) -> value));
		assertThat(failure(result)).isSameAs(failure);
		assertThat(this.outcomes).containsExactly(TimeLimiterOutcome.FAILURE);
	}

	@Test
	void callThatThrowsGivesAFailedFuture() {
		TimeLimiter limiter = limiter(true);
		IOException failure = new IOException("down");
		CompletableFuture<String> result = limiter.executeAsync(() -> {
			throw failure;
		});
		assertThat(failure(result)).isSameAs(failure);
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void callThatReturnsNullGivesAFailedFutureThatSaysSo() {
		TimeLimiter limiter = limiter(true);
		CompletableFuture<String> result = limiter.executeAsync(() -> null);
		assertThat(failure(result)).isInstanceOf(NullPointerException.class)
			.hasMessageContaining("returned null instead of a CompletionStage");
	}

	@Test
	void timeoutDuringTheStartOfTheCallCancelsTheStageOnceThereIsOne() {
		TimeLimiter limiter = limiter(true);
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> result = limiter.executeAsync(() -> {
			this.scheduler.advance(Duration.ofMillis(100));
			return work;
		});
		assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class);
		assertThat(work).isCancelled();
	}

	@Test
	void cancellingTheResultCancelsTheTimerAndTheStage() {
		TimeLimiter limiter = limiter(true);
		CompletableFuture<String> work = new CompletableFuture<>();
		CompletableFuture<String> result = limiter.executeAsync(() -> work);
		result.cancel(true);
		assertThat(this.scheduler.pending()).isZero();
		assertThat(work).isCancelled();
	}

	@Test
	void defaultSchedulerTimesOutOnItsOwnThreads() throws Exception {
		ScheduledExecutorService executor = DelayScheduler.createExecutor();
		try {
			TimeLimiter limiter = TimeLimiter.of("real", TimeLimiterConfig.builder().timeout(Duration.ofMillis(20)).build(),
					NO_WORKER, DelayScheduler.of(executor), this.listener);
			CompletableFuture<String> result = limiter.executeAsync(CompletableFuture::new);
			assertThat(result).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.withCauseInstanceOf(TimeLimitExceededException.class);
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	private TimeLimiter limiter(boolean cancelRunning) {
		TimeLimiterConfig config = TimeLimiterConfig.builder()
			.timeout(Duration.ofMillis(100))
			.cancelRunning(cancelRunning)
			.build();
		return TimeLimiter.of("test", config, NO_WORKER, this.scheduler, this.listener);
	}

	private static Throwable failure(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		try {
			future.join();
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("not failed");
	}

}
