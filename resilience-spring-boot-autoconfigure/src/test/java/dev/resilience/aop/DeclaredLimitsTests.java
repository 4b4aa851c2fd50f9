package dev.resilience.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.RateLimited;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.LimitExceededException;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ConcurrencyLimited} and {@code @RateLimited} on methods of every return type: a slot is
 * held until the work really ends (past a timeout, until a future completes, until a publisher
 * terminates or is cancelled), a refused call did nothing, is not retried, is neither a success
 * nor a failure for a breaker and reaches the fallback. Time is a manual scheduler's; a body that
 * must stay in flight waits for a future the test completes.
 */
class DeclaredLimitsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withBean(Calls.class);

	@Test
	void aCallPastTheLimitIsRefusedWithoutRunningAndTheSlotComesBackWhenTheWorkReturns() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ConcurrencyLimit limit = context.getBean(ResilienceRegistry.class).concurrencyLimit("single");
			CompletableFuture<String> first = CompletableFuture.supplyAsync(calls::single);
			calls.awaitStarted(1);
			assertThat(limit.inFlight()).isEqualTo(1);

			assertThatExceptionOfType(LimitExceededException.class).isThrownBy(calls::single)
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("single"))
				.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(1));
			assertThat(calls.started()).isEqualTo(1);

			calls.release(0, "done");
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done");
			assertThat(limit.inFlight()).isZero();
			assertThat(limit.metrics().permittedCalls()).isEqualTo(1);
			assertThat(limit.metrics().rejectedCalls()).isEqualTo(1);
		});
	}

	@Test
	void aCallWaitsForASlotAtMostMaxWait() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> first = CompletableFuture.supplyAsync(calls::waiting);
			calls.awaitStarted(1);
			CompletableFuture<String> second = CompletableFuture.supplyAsync(calls::waiting);
			awaitPending(scheduler, 1);
			CompletableFuture<String> third = CompletableFuture.supplyAsync(calls::waiting);
			awaitPending(scheduler, 2);

			calls.release(0, "first");
			calls.awaitStarted(2);
			scheduler.advance(Duration.ofMillis(50));

			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
			assertThat(third).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(LimitExceededException.class);
			calls.release(1, "second");
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
			assertThat(calls.started()).isEqualTo(2);
		});
	}

	@Test
	void aTimedOutCallKeepsItsSlotUntilTheAbandonedWorkReturns() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ConcurrencyLimit limit = context.getBean(ResilienceRegistry.class).concurrencyLimit("hung");
			// the synchronous time limiter waits in real time: a short timeout
			CompletableFuture<String> first = CompletableFuture.supplyAsync(calls::hung);

			assertThat(first).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TimeLimitExceededException.class);
			assertThat(limit.inFlight()).isEqualTo(1);
			assertThatExceptionOfType(LimitExceededException.class).isThrownBy(calls::hung);

			calls.release(0, "late");
			awaitInFlight(limit, 0);
		});
	}

	@Test
	void aRefusedCallIsNotRetriedIsIgnoredByTheBreakerAndReachesTheFallback() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("quota");
			assertThat(calls.quota()).isEqualTo("answered");
			assertThat(calls.quota()).isEqualTo("fallback: LimitExceededException");
			assertThat(calls.quotaCalls()).isEqualTo(1);
			assertThat(breaker.metrics().bufferedCalls()).isEqualTo(1);
			assertThat(breaker.metrics().failedCalls()).isZero();
		});
	}

	@Test
	void aFutureHoldsItsSlotUntilItCompletesAndCancellingItGivesItBack() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ConcurrencyLimit limit = context.getBean(ResilienceRegistry.class).concurrencyLimit("future");
			CompletableFuture<String> first = calls.future();
			assertThat(limit.inFlight()).isEqualTo(1);
			assertThat(calls.future()).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(LimitExceededException.class);

			calls.release(0, "done");
			assertThat(first).isCompletedWithValue("done");
			assertThat(limit.inFlight()).isZero();

			CompletableFuture<String> second = calls.future();
			assertThat(limit.inFlight()).isEqualTo(1);
			second.cancel(true);
			assertThat(limit.inFlight()).isZero();
		});
	}

	@Test
	void aFutureWaitsForASlotWithoutBlockingAndCancellingTheWaitLosesNoSlot() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			ConcurrencyLimit limit = context.getBean(ResilienceRegistry.class).concurrencyLimit("waitingFuture");
			CompletableFuture<String> first = calls.waitingFuture();
			CompletableFuture<String> second = calls.waitingFuture();
			CompletableFuture<String> third = calls.waitingFuture();
			assertThat(calls.started()).isEqualTo(1);

			third.cancel(true);
			calls.release(0, "first");
			assertThat(first).isCompletedWithValue("first");
			assertThat(calls.started()).isEqualTo(2);
			calls.release(1, "second");
			assertThat(second).isCompletedWithValue("second");
			scheduler.advance(Duration.ofSeconds(1));
			assertThat(calls.started()).isEqualTo(2);
			assertThat(limit.inFlight()).isZero();
		});
	}

	@Test
	void aMonoHoldsItsSlotUntilItTerminatesOrIsCancelled() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ConcurrencyLimit limit = context.getBean(ResilienceRegistry.class).concurrencyLimit("mono");
			Mono<String> mono = calls.mono();
			assertThat(limit.inFlight()).isZero();
			CompletableFuture<String> first = mono.toFuture();
			assertThat(limit.inFlight()).isEqualTo(1);
			assertThat(calls.mono().toFuture()).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(LimitExceededException.class);
			calls.release(0, "done");
			assertThat(first).isCompletedWithValue("done");
			assertThat(limit.inFlight()).isZero();

			Disposable subscription = calls.mono().subscribe();
			assertThat(limit.inFlight()).isEqualTo(1);
			subscription.dispose();
			assertThat(limit.inFlight()).isZero();
		});
	}

	@Test
	void aMonoWaitsForASlotAndCancellingTheWaitStartsNothingAndLosesNoSlot() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ConcurrencyLimit limit = context.getBean(ResilienceRegistry.class).concurrencyLimit("waitingMono");
			CompletableFuture<String> first = calls.waitingMono().toFuture();
			Disposable abandoned = calls.waitingMono().subscribe();
			CompletableFuture<String> third = calls.waitingMono().toFuture();
			assertThat(calls.started()).isEqualTo(1);

			List<Throwable> dropped = new CopyOnWriteArrayList<>();
			Hooks.onErrorDropped(dropped::add);
			try {
				abandoned.dispose();
			}
			finally {
				Hooks.resetOnErrorDropped();
			}
			assertThat(dropped).isEmpty();
			calls.release(0, "first");
			assertThat(first).isCompletedWithValue("first");
			assertThat(calls.started()).isEqualTo(2);
			assertThat(limit.inFlight()).isEqualTo(1);
			calls.release(1, "third");
			assertThat(third).isCompletedWithValue("third");
			assertThat(limit.inFlight()).isZero();
		});
	}

	@Test
	void aCallThatWaitedForItsTurnRunsWithTheCallersContext() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			assertThat(calls.pacedRequest()).isCompleted();
			MDC.put("request", "r-42");
			CompletableFuture<String> waited;
			try {
				waited = calls.pacedRequest();
			}
			finally {
				MDC.remove("request");
			}
			assertThat(waited).isNotDone();

			scheduler.advance(Duration.ofSeconds(1));

			assertThat(waited).isCompletedWithValue("r-42");
		});
	}

	@Test
	void aRateLimitedFutureWaitsForItsTurnOnTheScheduler() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> first = calls.paced();
			CompletableFuture<String> second = calls.paced();
			CompletableFuture<String> third = calls.paced();
			assertThat(calls.started()).isEqualTo(1);
			assertThat(third).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(LimitExceededException.class);

			scheduler.advance(Duration.ofMillis(999));
			assertThat(calls.started()).isEqualTo(1);
			scheduler.advance(Duration.ofMillis(1));
			assertThat(calls.started()).isEqualTo(2);
			calls.release(0, "first");
			calls.release(1, "second");
			assertThat(first).isCompletedWithValue("first");
			assertThat(second).isCompletedWithValue("second");
		});
	}

	private static void awaitPending(ManualScheduler scheduler, int tasks) {
		await().atMost(Duration.ofSeconds(10)).until(scheduler::pending, (pending) -> pending == tasks);
	}

	private static void awaitInFlight(ConcurrencyLimit limit, int inFlight) {
		await().atMost(Duration.ofSeconds(10)).until(limit::inFlight, (current) -> current == inFlight);
	}

	static class Calls {

		private final List<CompletableFuture<String>> bodies = new CopyOnWriteArrayList<>();

		private final AtomicInteger quotaCalls = new AtomicInteger();

		int started() {
			return this.bodies.size();
		}

		int quotaCalls() {
			return this.quotaCalls.get();
		}

		void awaitStarted(int count) {
			await().atMost(Duration.ofSeconds(10)).until(this.bodies::size, (size) -> size == count);
		}

		void release(int index, String value) {
			this.bodies.get(index).complete(value);
		}

		@ConcurrencyLimited(name = "single", limit = 1)
		public String single() {
			return body().join();
		}

		@ConcurrencyLimited(name = "waiting", limit = 1, maxWait = "50ms")
		public String waiting() {
			return body().join();
		}

		@TimeLimited(name = "hung", timeout = "50ms", cancelRunning = "false")
		@ConcurrencyLimited(name = "hung", limit = 1)
		public String hung() {
			return body().join();
		}

		@Fallback(method = "quotaFallback")
		@Retryable(name = "quota", maxAttempts = 3, delay = "1ms", retryOn = LimitExceededException.class)
		@CircuitGuarded(name = "quota")
		@RateLimited(name = "quota", limit = 1, period = "1m")
		public String quota() throws IOException {
			this.quotaCalls.incrementAndGet();
			return "answered";
		}

		public String quotaFallback(Throwable failure) {
			return "fallback: " + failure.getClass().getSimpleName();
		}

		@ConcurrencyLimited(name = "future", limit = 1)
		public CompletableFuture<String> future() {
			return body();
		}

		@ConcurrencyLimited(name = "waitingFuture", limit = 1, maxWait = "1s")
		public CompletableFuture<String> waitingFuture() {
			return body();
		}

		@ConcurrencyLimited(name = "mono", limit = 1)
		public Mono<String> mono() {
			return Mono.fromFuture(this::body);
		}

		@ConcurrencyLimited(name = "waitingMono", limit = 1, maxWait = "1s")
		public Mono<String> waitingMono() {
			return Mono.fromFuture(this::body);
		}

		@RateLimited(name = "paced", limit = 1, period = "1s", maxWait = "1s")
		public CompletableFuture<String> paced() {
			return body();
		}

		@RateLimited(name = "pacedRequest", limit = 1, period = "1s", maxWait = "1s")
		public CompletableFuture<String> pacedRequest() {
			return CompletableFuture.completedFuture(String.valueOf(MDC.get("request")));
		}

		private CompletableFuture<String> body() {
			CompletableFuture<String> body = new CompletableFuture<>();
			this.bodies.add(body);
			return body;
		}

	}

}
