package dev.resilience.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimitExceededException;
import dev.resilience.core.TimeLimiter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotated methods that return {@code CompletionStage} or {@code CompletableFuture}: delays and
 * timeouts run on a manual scheduler, so no thread sleeps and no test waits for real time.
 */
class CompletionStageMethodTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withBean(Quotes.class);

	@Test
	void futureThatFailsTwiceCompletesAfterDelaysOnTheSchedulerWithoutSleeping() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			quotes.failFirst(2);
			CompletableFuture<String> quote = quotes.quote("ACME");
			assertThat(quote).isNotDone();
			assertThat(quotes.calls()).isEqualTo(1);
			scheduler.advance(Duration.ofMillis(100));
			assertThat(quotes.calls()).isEqualTo(2);
			assertThat(quote).isNotDone();
			scheduler.advance(Duration.ofMillis(200));
			assertThat(quote).isCompletedWithValue("ACME:42");
			assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
			assertThat(context.getBean(ManualClock.class).sleeps()).isEmpty();
			assertThat(context.getBean(ResilienceRegistry.class).retry("quotes").metrics())
				.isEqualTo(new Retry.Metrics(0, 1, 0, 0, 2, 0));
		});
	}

	@Test
	void exhaustedRetriesFailTheFutureWithTheLastFailureUnwrapped() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			quotes.failFirst(10);
			CompletableFuture<String> quote = quotes.quote("ACME");
			context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(1));
			assertThat(failure(quote)).isInstanceOf(IOException.class).hasMessage("down 3");
			assertThat(quotes.calls()).isEqualTo(3);
		});
	}

	@Test
	void breakerRecordsTheOutcomeWhenTheFutureCompletesNotWhenTheMethodReturns() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("ledger");
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> result = quotes.ledger(pending);
			assertThat(breaker.metrics().bufferedCalls()).isZero();
			pending.completeExceptionally(new IOException("ledger down"));
			assertThat(failure(result)).isInstanceOf(IOException.class);
			assertThat(breaker.metrics().bufferedCalls()).isOne();
			assertThat(breaker.metrics().failedCalls()).isOne();
		});
	}

	@Test
	void futureReturnedAlreadyFailedCountsAsAFailure() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			CompletableFuture<String> result = quotes.ledger(CompletableFuture.failedFuture(new IOException("down")));
			assertThat(failure(result)).isInstanceOf(IOException.class).hasMessage("down");
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("ledger");
			assertThat(breaker.metrics().failedCalls()).isOne();
		});
	}

	@Test
	void methodThatThrowsGivesAFailedFutureAndCountsAsAFailure() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			CompletableFuture<String> result = quotes.ledger(null);
			assertThat(failure(result)).isInstanceOf(IOException.class).hasMessage("thrown before any future");
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("ledger");
			assertThat(breaker.metrics().failedCalls()).isOne();
		});
	}

	@Test
	void methodThatReturnsNullFailsTheFutureWithAClearError() {
		this.runner.run((context) -> {
			CompletionStage<String> result = context.getBean(Quotes.class).nothing();
			assertThat(failure(result.toCompletableFuture())).isInstanceOf(IllegalStateException.class)
				.hasMessage("CompletionStage Quotes.nothing() returned null instead of a CompletionStage; "
						+ "return a failed CompletionStage to report a failure");
		});
	}

	@Test
	void openBreakerFailsTheFutureWithoutCallingTheMethod() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			context.getBean(ResilienceRegistry.class)
				.circuitBreaker("ledger")
				.transitionTo(CircuitBreaker.State.FORCED_OPEN);
			CompletableFuture<String> result = quotes.ledger(CompletableFuture.completedFuture("never"));
			assertThat(failure(result)).isInstanceOf(CallNotPermittedException.class);
			assertThat(quotes.calls()).isZero();
		});
	}

	@Test
	void neverCompletingFutureTimesOutAndIsCancelled() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> result = quotes.limited(pending);
			context.getBean(ManualScheduler.class).advance(Duration.ofMillis(999));
			assertThat(result).isNotDone();
			context.getBean(ManualScheduler.class).advance(Duration.ofMillis(1));
			assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class);
			assertThat(pending).isCancelled();
			assertThat(context.getBean(ResilienceRegistry.class).timeLimiter("limited").metrics())
				.isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
		});
	}

	@Test
	void withoutCancelRunningTheTimedOutFutureIsLeftRunning() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> result = quotes.limitedWithoutCancel(pending);
			context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(1));
			assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class);
			assertThat(pending).isNotDone();
		});
	}

	@Test
	void fallbackMayReturnThePlainValue() {
		this.runner.run((context) -> {
			CompletableFuture<String> result = context.getBean(Quotes.class).price("ACME");
			assertThat(result).isCompletedWithValue("ACME: cached after IOException");
		});
	}

	@Test
	void fallbackMayReturnAStage() {
		this.runner.run((context) -> {
			CompletionStage<String> result = context.getBean(Quotes.class).priceLater("ACME");
			assertThat(result.toCompletableFuture()).isCompletedWithValue("ACME: later");
		});
	}

	@Test
	void retriedAttemptsRunOnWorkerThreadsWithTheCallersMdc() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(Quotes.class)
			.run((context) -> {
				Quotes quotes = context.getBean(Quotes.class);
				quotes.failFirst(2);
				MDC.put("request", "r-42");
				CompletableFuture<String> quote;
				try {
					quote = quotes.quoteSoon("ACME");
				}
				finally {
					MDC.remove("request");
				}
				assertThat(quote).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("ACME:42");
				assertThat(quotes.contexts()).hasSize(3).allSatisfy((seen) -> assertThat(seen).startsWith("r-42@"));
				assertThat(quotes.contexts().subList(1, 3))
					.allSatisfy((seen) -> assertThat(seen).doesNotContain("@resilience-scheduler-"));
			});
	}

	@Test
	void synchronousAndCompletionStageMethodsWorkWithoutReactor() {
		this.runner.withClassLoader(new FilteredClassLoader("reactor.core")).run((context) -> {
			assertThat(context).hasNotFailed();
			Quotes quotes = context.getBean(Quotes.class);
			quotes.failFirst(1);
			CompletableFuture<String> quote = quotes.quote("ACME");
			context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(1));
			assertThat(quote).isCompletedWithValue("ACME:42");
			assertThat(quotes.quoteNow("ACME")).isEqualTo("ACME:now");
		});
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

	public static class Quotes {

		private final AtomicInteger calls = new AtomicInteger();

		private final AtomicInteger failuresBeforeSuccess = new AtomicInteger();

		private final List<String> contexts = new CopyOnWriteArrayList<>();

		@Retryable(name = "quotes", maxAttempts = 3, delay = "100ms", jitter = 0)
		public CompletableFuture<String> quote(String symbol) {
			return attempt(symbol);
		}

		@Retryable(name = "quotesSoon", maxAttempts = 3, delay = "1ms", jitter = 0)
		public CompletableFuture<String> quoteSoon(String symbol) {
			return attempt(symbol);
		}

		@Retryable(name = "quotesNow", delay = "1ms")
		public String quoteNow(String symbol) {
			return symbol + ":now";
		}

		@CircuitGuarded(name = "ledger")
		public CompletableFuture<String> ledger(CompletableFuture<String> answer) throws IOException {
			this.calls.incrementAndGet();
			if (answer == null) {
				throw new IOException("thrown before any future");
			}
			return answer;
		}

		@CircuitGuarded(name = "nothing")
		public CompletionStage<String> nothing() {
			return null;
		}

		@TimeLimited(name = "limited", timeout = "1s")
		public CompletableFuture<String> limited(CompletableFuture<String> answer) {
			return answer;
		}

		@TimeLimited(name = "limitedWithoutCancel", timeout = "1s", cancelRunning = "false")
		public CompletableFuture<String> limitedWithoutCancel(CompletableFuture<String> answer) {
			return answer;
		}

		@Fallback(method = "cachedPrice")
		public CompletableFuture<String> price(String symbol) {
			return CompletableFuture.failedFuture(new IOException("prices down"));
		}

		String cachedPrice(String symbol, Throwable failure) {
			return symbol + ": cached after " + failure.getClass().getSimpleName();
		}

		@Fallback(method = "laterPrice")
		public CompletionStage<String> priceLater(String symbol) {
			return CompletableFuture.failedFuture(new IOException("prices down"));
		}

		CompletionStage<String> laterPrice(String symbol) {
			return CompletableFuture.completedFuture(symbol + ": later");
		}

		private CompletableFuture<String> attempt(String symbol) {
			int call = this.calls.incrementAndGet();
			this.contexts.add(MDC.get("request") + "@" + Thread.currentThread().getName());
			if (call <= this.failuresBeforeSuccess.get()) {
				return CompletableFuture.failedFuture(new IOException("down " + call));
			}
			return CompletableFuture.completedFuture(symbol + ":42");
		}

		public int calls() {
			return this.calls.get();
		}

		public void failFirst(int failures) {
			this.failuresBeforeSuccess.set(failures);
		}

		public List<String> contexts() {
			return this.contexts;
		}

	}

}
