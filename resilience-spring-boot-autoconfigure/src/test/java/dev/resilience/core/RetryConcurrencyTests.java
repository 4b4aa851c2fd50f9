package dev.resilience.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import dev.resilience.core.ResilienceListener.RetryOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests that one {@link DefaultRetry} shared by many threads keeps exact counts.
 */
class RetryConcurrencyTests {

	private static final int THREADS = 16;

	private static final int CALLS = 2_000;

	@Test
	void concurrentCallsGiveExactCounterTotals() throws Exception {
		ManualClock clock = new ManualClock();
		LongAdder completions = new LongAdder();
		LongAdder retries = new LongAdder();
		ResilienceListener listener = new ResilienceListener() {

			@Override
			public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
				retries.increment();
			}

			@Override
			public void onRetryCompleted(String name, RetryOutcome outcome, int attempts) {
				completions.increment();
			}

		};
		Retry retry = Retry.of("shared", RetryConfig.builder().maxAttempts(3).budget((budget) -> budget.enabled(false)).build(), clock, (nanos) -> {
		}, listener);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < CALLS; i++) {
						runScenario(retry, i % 4);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		long perScenario = (long) THREADS * CALLS / 4;
		// scenario 0: no retry; 1: one retry; 2: two retries, fails; 3: not retryable
		assertThat(retry.metrics()).isEqualTo(
				new Retry.Metrics(perScenario, perScenario, perScenario, perScenario, 3 * perScenario, 0));
		assertThat(completions.sum()).isEqualTo(4 * perScenario);
		assertThat(retries.sum()).isEqualTo(3 * perScenario);
	}

	private static void runScenario(Retry retry, int scenario) {
		Throwable[] failures = switch (scenario) {
			case 0 -> new Throwable[0];
			case 1 -> new Throwable[] { new IOException() };
			case 2 -> new Throwable[] { new IOException(), new IOException(), new IOException() };
			default -> new Throwable[] { new IllegalArgumentException() };
		};
		RetryTests.Attempts attempts = new RetryTests.Attempts(failures);
		Throwable thrown = catchThrowable(() -> retry.execute(attempts));
		if (scenario < 2) {
			assertThat(thrown).isNull();
		}
		else {
			assertThat(thrown).isSameAs(failures[failures.length - 1]);
		}
	}

}
