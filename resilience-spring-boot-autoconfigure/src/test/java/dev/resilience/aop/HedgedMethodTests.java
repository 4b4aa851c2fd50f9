package dev.resilience.aop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Hedged;
import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Deadline;
import dev.resilience.core.Hedge;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A synchronous {@code @Hedged} method: its attempts run on the time limiter's workers while the
 * caller waits; the hedge is sent by a manual scheduler, so that the test decides when the delay
 * has passed; the attempts block on latches the test opens.
 */
class HedgedMethodTests {

	private static final Duration DELAY = Duration.ofMillis(100);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withBean(Probe.class)
		.withBean(Lookups.class);

	private final ExecutorService callers = Executors.newCachedThreadPool();

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void theHedgeIsSentAtTheDelayAndNotBeforeAndTheSlowFirstAttemptIsInterrupted() {
		this.runner.run((context) -> {
			Lookups lookups = context.getBean(Lookups.class);
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			Hedge hedge = context.getBean(ResilienceRegistry.class).hedge("lookup");
			Future<String> call = this.callers.submit(lookups::lookup);
			await(probe.firstStarted);
			awaitTimer(context.getBean(ManualScheduler.class));

			scheduler.advance(DELAY.minusNanos(1));
			assertThat(hedge.metrics().hedgesSent()).isZero();
			scheduler.advance(Duration.ofNanos(1));
			assertThat(hedge.metrics().hedgesSent()).isOne();

			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("from attempt 2");
			await(probe.firstInterrupted);
			assertThat(probe.started.get()).isEqualTo(2);
			assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(1, 1, 1, 0));
		});
	}

	@Test
	void theLoserInterruptedIsNotRecordedAsAFailureByTheBreakerBelow() {
		this.runner.withBean("resilienceTimeLimiterExecutor", CountingWorkers.class, CountingWorkers::new)
			.run((context) -> {
				Lookups lookups = context.getBean(Lookups.class);
				Probe probe = context.getBean(Probe.class);
				Future<String> call = this.callers.submit(lookups::lookup);
				await(probe.firstStarted);
				awaitTimer(context.getBean(ManualScheduler.class));
				context.getBean(ManualScheduler.class).advance(DELAY);
				assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("from attempt 2");
				assertThat(context.getBean(CountingWorkers.class).ended.tryAcquire(2, 10, TimeUnit.SECONDS))
					.as("both attempts ended, through the breaker")
					.isTrue();

				CircuitBreaker.Metrics metrics = context.getBean(ResilienceRegistry.class)
					.circuitBreaker("lookup-breaker")
					.metrics();
				assertThat(metrics.bufferedCalls()).as("the winner's success only").isOne();
				assertThat(metrics.failedCalls()).isZero();
			});
	}

	@Test
	void aFirstAttemptThatAnswersBeforeTheDelaySendsNoHedge() {
		this.runner.run((context) -> {
			Lookups lookups = context.getBean(Lookups.class);
			Probe probe = context.getBean(Probe.class);
			assertThat(lookups.quick()).isEqualTo("quick");
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			// the caller may have its answer a moment before the worker cancels the hedge's timer
			await(() -> scheduler.pending() == 0);
			scheduler.advance(Duration.ofSeconds(1));
			Hedge hedge = context.getBean(ResilienceRegistry.class).hedge("quick");
			assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(1, 0, 0, 0));
		});
	}

	@Test
	void whenEveryAttemptFailsTheFailureOfTheAttemptThatFailedLastIsThrownAsItWas() {
		// workers that tell when an attempt, and what the race did with its outcome, has ended
		this.runner.withBean("resilienceTimeLimiterExecutor", CountingWorkers.class, CountingWorkers::new)
			.run((context) -> {
				Lookups lookups = context.getBean(Lookups.class);
				Probe probe = context.getBean(Probe.class);
				CountingWorkers workers = context.getBean(CountingWorkers.class);
				Future<String> call = this.callers.submit(lookups::failing);
				await(probe.firstStarted);
				awaitTimer(context.getBean(ManualScheduler.class));
				context.getBean(ManualScheduler.class).advance(DELAY);
				assertThat(workers.ended.tryAcquire(10, TimeUnit.SECONDS)).as("attempt 2 ended").isTrue();
				assertThat(probe.failures).containsOnlyKeys(2);
				assertThat(call).isNotDone();

				probe.releaseFirst.countDown();

				assertThat(call).failsWithin(Duration.ofSeconds(10))
					.withThrowableOfType(ExecutionException.class)
					.havingCause()
					.isSameAs(probe.failures.get(1));
				assertThat(probe.failures.get(1)).hasMessage("attempt 1 failed");
			});
	}

	@Test
	void anOpenBreakerBelowRejectsTheHedgeAndTheFirstAttemptStillAnswers() {
		this.runner.run((context) -> {
			Lookups lookups = context.getBean(Lookups.class);
			Probe probe = context.getBean(Probe.class);
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			Future<String> call = this.callers.submit(lookups::guarded);
			await(probe.firstStarted);
			awaitTimer(context.getBean(ManualScheduler.class));
			CircuitBreaker breaker = registry.circuitBreaker("guarded-breaker");
			breaker.transitionTo(CircuitBreaker.State.FORCED_OPEN);

			context.getBean(ManualScheduler.class).advance(DELAY);
			assertThat(registry.hedge("guarded").metrics().hedgesSent()).isOne();
			await(() -> breaker.metrics().notPermittedCalls() == 1);
			probe.releaseFirst.countDown();

			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("from attempt 1");
			assertThat(probe.started.get()).as("the rejected hedge never ran the method").isOne();
		});
	}

	@Test
	void everyAttemptSeesTheCallersDeadlineIdempotencyKeyAndThreadLocalContext() {
		this.runner.run((context) -> {
			Lookups lookups = context.getBean(Lookups.class);
			Probe probe = context.getBean(Probe.class);
			ManualClock clock = context.getBean(ManualClock.class);
			Deadline deadline = Deadline.within(Duration.ofMinutes(1), clock);
			Future<String> call = this.callers.submit(() -> {
				MDC.put("requestId", "r-7");
				try (Deadline.Scope scope = deadline.attach()) {
					return lookups.seen();
				}
				finally {
					MDC.remove("requestId");
				}
			});
			await(probe.firstStarted);
			awaitTimer(context.getBean(ManualScheduler.class));
			context.getBean(ManualScheduler.class).advance(DELAY);
			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("from attempt 2");

			assertThat(probe.seen).hasSize(2);
			Seen first = probe.seen.get(1);
			Seen second = probe.seen.get(2);
			assertThat(first.key()).isNotNull().isEqualTo(second.key());
			assertThat(first.deadline()).isSameAs(deadline);
			assertThat(second.deadline()).isSameAs(deadline);
			assertThat(first.requestId()).isEqualTo("r-7");
			assertThat(second.requestId()).isEqualTo("r-7");
			assertThat(first.thread()).isNotEqualTo(second.thread());
		});
	}

	@Test
	void theHedgesOfEveryRetryAttemptShareTheRetrysIdempotencyKey() {
		this.runner.run((context) -> {
			Lookups lookups = context.getBean(Lookups.class);
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			Future<String> call = this.callers.submit(lookups::retried);
			await(probe.firstStarted);
			awaitTimer(context.getBean(ManualScheduler.class));
			scheduler.advance(DELAY);
			await(probe.secondFailed);
			probe.releaseFirst.countDown();
			// both attempts failed: the retry waits (its sleeper is the manual clock), then tries again
			assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("retried");

			assertThat(probe.seen).hasSize(3);
			assertThat(probe.seen.values()).extracting(Seen::key)
				.containsOnly(probe.seen.get(1).key())
				.doesNotContainNull();
			assertThat(probe.seen.values()).extracting(Seen::attempt).containsExactly(1, 1, 2);
		});
	}

	private static void await(CountDownLatch latch) throws InterruptedException {
		assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch").isTrue();
	}

	/** The first attempt may start before the caller has set the timer of the hedge. */
	private static void awaitTimer(ManualScheduler scheduler) {
		await(() -> scheduler.pending() == 1);
	}

	private static void await(BooleanSupplier condition) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
	}

	/**
	 * Worker threads that count the tasks they finished, the race's handling of an attempt's
	 * outcome included.
	 */
	static final class CountingWorkers extends ThreadPoolExecutor {

		final Semaphore ended = new Semaphore(0);

		CountingWorkers() {
			super(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), (task) -> {
				Thread thread = new Thread(task, "counting-worker");
				thread.setDaemon(true);
				return thread;
			});
		}

		@Override
		protected void afterExecute(Runnable task, @Nullable Throwable failure) {
			this.ended.release();
		}

	}

	record Seen(@Nullable String key, int attempt, @Nullable Deadline deadline, @Nullable String requestId,
			Thread thread) {
	}

	static class Probe {

		final AtomicInteger started = new AtomicInteger();

		final CountDownLatch firstStarted = new CountDownLatch(1);

		final CountDownLatch firstInterrupted = new CountDownLatch(1);

		final CountDownLatch firstEnded = new CountDownLatch(1);

		final CountDownLatch releaseFirst = new CountDownLatch(1);

		final CountDownLatch secondFailed = new CountDownLatch(1);

		/** By attempt number, from 1. */
		final Map<Integer, IOException> failures = new ConcurrentSkipListMap<>();

		/** What each attempt saw, by attempt number, from 1. */
		final Map<Integer, Seen> seen = new ConcurrentSkipListMap<>();

	}

	static class Lookups {

		private final Probe probe;

		Lookups(Probe probe) {
			this.probe = probe;
		}

		@Hedged(name = "lookup", delay = "100ms")
		@CircuitGuarded(name = "lookup-breaker")
		public String lookup() throws IOException {
			if (this.probe.started.incrementAndGet() > 1) {
				return "from attempt 2";
			}
			this.probe.firstStarted.countDown();
			try {
				new CountDownLatch(1).await();
				return "from attempt 1";
			}
			catch (InterruptedException ex) {
				this.probe.firstInterrupted.countDown();
				// as blocking I/O does when its thread is interrupted
				throw new InterruptedIOException("interrupted");
			}
			finally {
				this.probe.firstEnded.countDown();
			}
		}

		@Hedged(name = "quick", delay = "100ms")
		public String quick() {
			return "quick";
		}

		@Hedged(name = "failing", maxAttempts = 2, delay = "100ms")
		public String failing() throws IOException, InterruptedException {
			int attempt = this.probe.started.incrementAndGet();
			if (attempt == 1) {
				this.probe.firstStarted.countDown();
				this.probe.releaseFirst.await();
			}
			IOException failure = new IOException("attempt " + attempt + " failed");
			this.probe.failures.put(attempt, failure);
			if (attempt == 2) {
				this.probe.secondFailed.countDown();
			}
			throw failure;
		}

		@Hedged(name = "guarded", delay = "100ms")
		@CircuitGuarded(name = "guarded-breaker")
		public String guarded() throws InterruptedException {
			this.probe.started.incrementAndGet();
			this.probe.firstStarted.countDown();
			this.probe.releaseFirst.await();
			return "from attempt 1";
		}

		@Hedged(name = "seen", delay = "100ms")
		public String seen() throws InterruptedException {
			int attempt = this.probe.started.incrementAndGet();
			record(attempt);
			if (attempt == 1) {
				this.probe.firstStarted.countDown();
				new CountDownLatch(1).await();
			}
			return "from attempt 2";
		}

		@Retryable(name = "retried", maxAttempts = 2, delay = "1ms", retryOn = IOException.class)
		@Hedged(name = "retried-hedge", delay = "100ms")
		public String retried() throws IOException, InterruptedException {
			int attempt = this.probe.started.incrementAndGet();
			record(attempt);
			if (attempt == 1) {
				this.probe.firstStarted.countDown();
				this.probe.releaseFirst.await();
				throw new IOException("slow and failed");
			}
			if (attempt == 2) {
				this.probe.secondFailed.countDown();
				throw new IOException("failed at once");
			}
			return "retried";
		}

		private void record(int attempt) {
			RetryContext retry = RetryContext.current();
			this.probe.seen.put(attempt, new Seen((retry != null) ? retry.idempotencyKey() : null,
					(retry != null) ? retry.attempt() : 0, Deadline.current(), MDC.get("requestId"),
					Thread.currentThread()));
		}

	}

}
