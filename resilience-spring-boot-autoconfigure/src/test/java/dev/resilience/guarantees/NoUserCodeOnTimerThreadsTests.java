package dev.resilience.guarantees;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler's threads only keep time: fallbacks of timed-out asynchronous calls and retried
 * attempts run elsewhere, so fallbacks that block, more of them than there are scheduler threads,
 * never hold up the timeout of an unrelated call.
 */
@Timeout(60)
class NoUserCodeOnTimerThreadsTests {

	private static final String SCHEDULER_THREAD = "resilience-scheduler-";

	/** More than the scheduler has threads: one per processor, at least two. */
	private static final int BLOCKING_FALLBACKS = Math.max(2, Runtime.getRuntime().availableProcessors()) + 2;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(Service.class);

	@Test
	void blockingFallbacksOfTimedOutCallsNeverHoldUpAnotherCallsTimeout() {
		this.runner.run((context) -> {
			Service service = context.getBean(Service.class);
			try {
				List<CompletableFuture<String>> hanging = new ArrayList<>();
				for (int i = 0; i < BLOCKING_FALLBACKS; i++) {
					hanging.add(service.hang());
				}
				await().atMost(10, TimeUnit.SECONDS)
					.until(() -> service.fallbacksRunning() >= BLOCKING_FALLBACKS - 2);

				CompletableFuture<String> unrelated = service.neverAnswers();
				Throwable thrown = catchThrowable(() -> unrelated.get(10, TimeUnit.SECONDS));

				assertThat(thrown).isInstanceOf(ExecutionException.class)
					.hasCauseInstanceOf(TimeLimitExceededException.class);
				await().atMost(10, TimeUnit.SECONDS)
					.until(() -> service.fallbacksRunning() == BLOCKING_FALLBACKS);
				assertThat(service.fallbackThreads()).noneMatch((name) -> name.startsWith(SCHEDULER_THREAD));
				service.release();
				for (CompletableFuture<String> call : hanging) {
					assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("fallback");
				}
			}
			finally {
				service.release();
			}
		});
	}

	@Test
	void retriedAttemptsRunOffTheSchedulerThreads() throws Exception {
		this.runner.run((context) -> {
			Service service = context.getBean(Service.class);
			assertThat(service.failTwice().get(10, TimeUnit.SECONDS)).isEqualTo("third");
			assertThat(service.attemptThreads()).hasSize(3)
				.noneMatch((name) -> name.startsWith(SCHEDULER_THREAD));
		});
	}

	static class Service {

		private final CountDownLatch release = new CountDownLatch(1);

		private final AtomicInteger fallbacksRunning = new AtomicInteger();

		private final Set<String> threads = ConcurrentHashMap.newKeySet();

		private final List<String> attemptThreads = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final AtomicInteger attempts = new AtomicInteger();

		// accessors rather than fields: the test holds the proxy, whose own fields are unset

		public int fallbacksRunning() {
			return this.fallbacksRunning.get();
		}

		public void release() {
			this.release.countDown();
		}

		public Set<String> fallbackThreads() {
			return this.threads;
		}

		public List<String> attemptThreads() {
			return this.attemptThreads;
		}

		@TimeLimited(name = "hanging", timeout = "20ms")
		@Fallback(method = "blockingFallback")
		public CompletableFuture<String> hang() {
			return new CompletableFuture<>();
		}

		String blockingFallback() throws InterruptedException {
			this.threads.add(Thread.currentThread().getName());
			this.fallbacksRunning.incrementAndGet();
			this.release.await(30, TimeUnit.SECONDS);
			return "fallback";
		}

		@TimeLimited(name = "unrelated", timeout = "50ms")
		public CompletableFuture<String> neverAnswers() {
			return new CompletableFuture<>();
		}

		@Retryable(name = "failing", maxAttempts = 3, delay = "1ms", jitter = 0)
		public CompletableFuture<String> failTwice() {
			this.attemptThreads.add(Thread.currentThread().getName());
			if (this.attempts.incrementAndGet() < 3) {
				return CompletableFuture.failedFuture(new IOException("not yet"));
			}
			return CompletableFuture.completedFuture("third");
		}

	}

}
