package dev.resilience.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.ResilienceListener.RetryOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link DefaultRetry}: attempts, delays, outcomes and events.
 */
class RetryTests {

	private final ManualClock clock = new ManualClock();

	private final RecordingListener listener = new RecordingListener();

	@AfterEach
	void clearInterruptFlag() {
		Thread.interrupted();
	}

	@Test
	void successAtTheFirstAttemptDoesNotSleep() throws Throwable {
		Retry retry = retry(RetryConfig.defaults());
		AtomicInteger calls = new AtomicInteger();
		String result = retry.execute(() -> {
			calls.incrementAndGet();
			return "ok";
		});
		assertThat(result).isEqualTo("ok");
		assertThat(calls).hasValue(1);
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(1, 0, 0, 0, 0, 0));
		assertThat(this.listener.events).containsExactly("completed SUCCESSFUL_WITHOUT_RETRY after 1");
	}

	@Test
	void successAtTheThirdAttemptSleepsTheExactBackoff() throws Throwable {
		Retry retry = retry(noJitter().build());
		Attempts attempts = new Attempts(new IOException("1"), new IOException("2"));
		assertThat(retry.execute(attempts)).isEqualTo("ok");
		assertThat(attempts.calls).isEqualTo(3);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 1, 0, 0, 2, 0));
	}

	@Test
	void delaysGrowExponentiallyUpToMaxDelay() throws Throwable {
		Retry retry = retry(noJitter().maxAttempts(6).maxDelay(Duration.ofSeconds(3)).build());
		Attempts attempts = new Attempts(new IOException(), new IOException(), new IOException(), new IOException(),
				new IOException());
		retry.execute(attempts);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
	}

	@Test
	void jitteredDelaysStayWithinTheirBounds() throws Throwable {
		Retry retry = retry(RetryConfig.builder()
			.maxAttempts(4)
			.delay(Duration.ofSeconds(1))
			.maxDelay(Duration.ofMillis(3500))
			.jitter(0.5)
			.build());
		for (int i = 0; i < 500; i++) {
			retry.execute(new Attempts(new IOException(), new IOException(), new IOException()));
		}
		List<Duration> sleeps = this.clock.sleeps();
		assertThat(sleeps).hasSize(1500);
		for (int i = 0; i < sleeps.size(); i += 3) {
			assertThat(sleeps.get(i)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
			assertThat(sleeps.get(i + 1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
			// 4s capped at 3.5s before the jitter, and the jittered delay capped again
			assertThat(sleeps.get(i + 2)).isBetween(Duration.ofMillis(1750), Duration.ofMillis(3500));
		}
	}

	@Test
	void exhaustedAttemptsRethrowTheLastFailureItself() {
		Retry retry = retry(noJitter().build());
		IOException last = new IOException("3");
		Attempts attempts = new Attempts(new IOException("1"), new IOException("2"), last);
		Throwable thrown = catchThrowable(() -> retry.execute(attempts));
		assertThat(thrown).isSameAs(last);
		assertThat(thrown.getSuppressed()).isEmpty();
		assertThat(attempts.calls).isEqualTo(3);
		assertThat(this.clock.sleeps()).hasSize(2);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 1, 0, 2, 0));
	}

	@Test
	void singleAttemptIsNeverRetried() {
		Retry retry = retry(noJitter().maxAttempts(1).build());
		IOException failure = new IOException();
		assertThat(catchThrowable(() -> retry.execute(new Attempts(failure)))).isSameAs(failure);
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 1, 0, 0));
	}

	@Test
	void listenerHearsEachRetryAndOneCompletion() {
		Retry retry = retry(noJitter().build());
		catchThrowable(() -> retry.execute(new Attempts(new IOException(), new IOException(), new IOException())));
		assertThat(this.listener.events).containsExactly("retry after 1 in 500000000ns: IOException",
				"retry after 2 in 1000000000ns: IOException", "completed FAILED_WITH_RETRY after 3");
	}

	@Test
	void listenerThatThrowsDoesNotFailTheCall() throws Throwable {
		ResilienceListener failing = new ResilienceListener() {

			@Override
			public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
				throw new IllegalStateException("listener");
			}

			@Override
			public void onRetryCompleted(String name, RetryOutcome outcome, int attempts) {
				throw new IllegalStateException("listener");
			}

		};
		Retry retry = Retry.of("test", noJitter().build(), this.clock, this.clock, failing);
		assertThat(retry.execute(new Attempts(new IOException()))).isEqualTo("ok");
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 1, 0, 0, 1, 0));
	}

	@Test
	void interruptedSleepRethrowsTheLastFailureWithTheInterruptFlagSet() {
		InterruptedException interruption = new InterruptedException();
		Retry retry = Retry.of("test", noJitter().build(), this.clock, (nanos) -> {
			throw interruption;
		}, this.listener);
		IOException failure = new IOException();
		Attempts attempts = new Attempts(failure, new IOException());
		Throwable thrown = catchThrowable(() -> retry.execute(attempts));
		assertThat(Thread.interrupted()).isTrue();
		assertThat(thrown).isSameAs(failure);
		assertThat(thrown.getSuppressed()).containsExactly(interruption);
		assertThat(attempts.calls).isEqualTo(1);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 1, 0, 0));
		assertThat(this.listener.events).containsExactly("completed FAILED_WITHOUT_RETRY after 1");
	}

	@Test
	void aRetryWhoseDelayIsInterruptedChargesNothingToTheBudget() throws Throwable {
		AtomicInteger sleeps = new AtomicInteger();
		RetryConfig config = noJitter().budget((budget) -> budget.ratio(0).minPerSecond(1).window(Duration.ofSeconds(1)))
			.build();
		Retry retry = Retry.of("test", config, this.clock, (nanos) -> {
			if (sleeps.incrementAndGet() == 1) {
				throw new InterruptedException();
			}
		}, this.listener);
		catchThrowable(() -> retry.execute(new Attempts(new IOException(), new IOException())));
		Thread.interrupted();

		assertThat(retry.execute(new Attempts(new IOException()))).isEqualTo("ok");
		assertThat(retry.metrics().budgetExhausted()).isZero();
		assertThat(retry.metrics().retryAttempts()).isOne();
	}

	@Test
	void interruptedSecondSleepCountsAFailureWithRetry() {
		AtomicInteger sleeps = new AtomicInteger();
		Retry retry = Retry.of("test", noJitter().build(), this.clock, (nanos) -> {
			if (sleeps.incrementAndGet() == 2) {
				throw new InterruptedException();
			}
		}, this.listener);
		IOException second = new IOException("2");
		Throwable thrown = catchThrowable(() -> retry.execute(new Attempts(new IOException("1"), second)));
		assertThat(Thread.interrupted()).isTrue();
		assertThat(thrown).isSameAs(second);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 1, 0, 1, 0));
	}

	@Test
	void checkedExceptionsAndErrorsPassUnchanged() {
		Retry retry = retry(noJitter().build());
		Exception checked = new Exception("checked");
		OutOfMemoryError error = new OutOfMemoryError("error");
		Throwable plain = new Throwable("plain");
		assertThat(catchThrowable(() -> retry.execute(new Attempts(checked)))).isSameAs(checked);
		assertThat(catchThrowable(() -> retry.execute(new Attempts(error)))).isSameAs(error);
		assertThat(catchThrowable(() -> retry.execute(new Attempts(plain)))).isSameAs(plain);
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 3, 0, 0));
	}

	@Test
	void successAtTheFirstAttemptAllocatesNothing() throws Throwable {
		assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
				"needs the allocation counter of HotSpot");
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
				"needs the allocation counter of HotSpot");
		Retry retry = Retry.of("test", RetryConfig.defaults(), this.clock, this.clock, new ResilienceListener() {
		});
		CheckedSupplier<String> call = () -> "ok";
		for (int i = 0; i < 20_000; i++) {
			retry.execute(call);
		}
		long threadId = Thread.currentThread().getId();
		long before = threads.getThreadAllocatedBytes(threadId);
		for (int i = 0; i < 100_000; i++) {
			retry.execute(call);
		}
		long allocated = threads.getThreadAllocatedBytes(threadId) - before;
		// a single allocation per call would show as at least 1.6 MB
		assertThat(allocated).isLessThan(10_000);
	}

	@Test
	void resetSetsTheCountsBackToZeroAndEmptiesTheBudget() throws Throwable {
		RetryConfig config = noJitter()
			.budget((budget) -> budget.ratio(0).minPerSecond(1).window(Duration.ofSeconds(1)))
			.build();
		Retry retry = Retry.of("test", config, this.clock, (nanos) -> {
		}, this.listener);
		assertThat(retry.execute(new Attempts(new IOException()))).isEqualTo("ok");
		assertThat(catchThrowable(() -> retry.execute(new Attempts(new IOException(), new IOException()))))
			.isInstanceOf(IOException.class);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 1, 0, 1, 1, 1));
		retry.reset();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 0, 0, 0));
		// the budget of one retry per second, spent before the reset, grants one again at once
		assertThat(retry.execute(new Attempts(new IOException()))).isEqualTo("ok");
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 1, 0, 0, 1, 0));
	}

	@Test
	void nameAndConfigAreThoseGiven() {
		RetryConfig config = RetryConfig.defaults();
		Retry retry = retry(config);
		assertThat(retry.name()).isEqualTo("test");
		assertThat(retry.config()).isSameAs(config);
	}

	private Retry retry(RetryConfig config) {
		return Retry.of("test", config, this.clock, this.clock, this.listener);
	}

	private static RetryConfig.Builder noJitter() {
		return RetryConfig.builder().jitter(0.0);
	}

	/**
	 * Throws the given failures, one per attempt, then returns {@code "ok"}.
	 */
	static final class Attempts implements CheckedSupplier<String> {

		private final Throwable[] failures;

		int calls;

		Attempts(Throwable... failures) {
			this.failures = failures;
		}

		@Override
		public String get() throws Throwable {
			int call = this.calls++;
			if (call < this.failures.length) {
				throw this.failures[call];
			}
			return "ok";
		}

	}

	/**
	 * Records retry events as readable lines.
	 */
	static final class RecordingListener implements ResilienceListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
			this.events.add("retry after " + attempt + " in " + delayNanos + "ns: " + failure.getClass().getSimpleName());
		}

		@Override
		public void onRetryCompleted(String name, RetryOutcome outcome, int attempts) {
			this.events.add("completed " + outcome + " after " + attempts);
		}

	}

}
