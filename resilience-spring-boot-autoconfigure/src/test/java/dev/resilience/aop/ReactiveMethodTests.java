package dev.resilience.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
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
 * Annotated methods that return a Reactor {@code Mono} or {@code Flux}: nothing runs before
 * subscription, each attempt is a subscription, and delays and timeouts run on a manual
 * scheduler.
 */
class ReactiveMethodTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withBean(Catalog.class);

	@Test
	void nothingRunsBeforeSubscription() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			Mono<String> item = catalog.item("sku-1");
			assertThat(catalog.calls()).isZero();
			assertThat(item.block()).isEqualTo("sku-1");
			assertThat(catalog.calls()).isOne();
		});
	}

	@Test
	void eachAttemptIsASubscriptionAfterADelayOnTheScheduler() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			catalog.failFirst(2);
			CompletableFuture<String> item = catalog.item("sku-1").toFuture();
			assertThat(item).isNotDone();
			scheduler.advance(Duration.ofMillis(100));
			assertThat(catalog.calls()).isEqualTo(2);
			scheduler.advance(Duration.ofMillis(200));
			assertThat(item).isCompletedWithValue("sku-1");
			assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
			assertThat(context.getBean(ManualClock.class).sleeps()).isEmpty();
			assertThat(context.getBean(ResilienceRegistry.class).retry("catalog").metrics())
				.isEqualTo(new Retry.Metrics(0, 1, 0, 0, 2, 0));
		});
	}

	@Test
	void eachSubscriptionIsACall() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			Mono<String> item = catalog.item("sku-1");
			item.block();
			item.block();
			assertThat(catalog.calls()).isEqualTo(2);
			assertThat(context.getBean(ResilienceRegistry.class).retry("catalog").metrics().successfulWithoutRetry())
				.isEqualTo(2);
		});
	}

	@Test
	void fluxIsCountedAsOneCall() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("stream");
			assertThat(catalog.stream(false).collectList().block()).containsExactly("a", "b", "c");
			assertThat(breaker.metrics().bufferedCalls()).isOne();
			assertThat(breaker.metrics().failedCalls()).isZero();
			assertThat(catalog.stream(true).collectList().toFuture()).isCompletedExceptionally();
			assertThat(breaker.metrics().bufferedCalls()).isEqualTo(2);
			assertThat(breaker.metrics().failedCalls()).isOne();
		});
	}

	@Test
	void cancelledSubscriberReleasesItsHalfOpenPermit() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("trial");
			assertThat(catalog.trial("fail").toFuture()).isCompletedExceptionally();
			assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
			context.getBean(ManualClock.class).advance(Duration.ofSeconds(10));
			Disposable hanging = catalog.trial("hang").subscribe();
			assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
			assertThat(failure(catalog.trial("ok").toFuture())).isInstanceOf(CallNotPermittedException.class);
			hanging.dispose();
			assertThat(catalog.trial("ok").block()).isEqualTo("ok");
			assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void monoThatNeverEmitsTimesOutAndIsCancelled() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			CompletableFuture<String> item = catalog.never().toFuture();
			context.getBean(ManualScheduler.class).advance(Duration.ofMillis(999));
			assertThat(item).isNotDone();
			context.getBean(ManualScheduler.class).advance(Duration.ofMillis(1));
			assertThat(failure(item)).isInstanceOf(TimeLimitExceededException.class);
			assertThat(catalog.cancelled()).isTrue();
			assertThat(context.getBean(ResilienceRegistry.class).timeLimiter("never").metrics())
				.isEqualTo(new TimeLimiter.Metrics(0, 0, 1));
		});
	}

	@Test
	void fluxMustCompleteWithinItsTimeout() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			List<String> received = new CopyOnWriteArrayList<>();
			CompletableFuture<List<String>> items = catalog.ticking().doOnNext(received::add).collectList().toFuture();
			context.getBean(ManualScheduler.class).advance(Duration.ofMillis(999));
			assertThat(received).containsExactly("first");
			assertThat(items).isNotDone();
			context.getBean(ManualScheduler.class).advance(Duration.ofMillis(1));
			assertThat(failure(items)).isInstanceOf(TimeLimitExceededException.class);
		});
	}

	@Test
	void fallbackMayReturnThePlainValue() {
		this.runner.run((context) -> assertThat(context.getBean(Catalog.class).price("sku-1").block())
			.isEqualTo("sku-1: cached after IOException"));
	}

	@Test
	void fallbackMayReturnAFlux() {
		this.runner.run((context) -> assertThat(context.getBean(Catalog.class).prices().collectList().block())
			.containsExactly("cached-1", "cached-2"));
	}

	@Test
	void methodThatReturnsNullFailsAtSubscriptionWithAClearError() {
		this.runner.run((context) -> {
			Mono<String> nothing = context.getBean(Catalog.class).nothing();
			assertThat(failure(nothing.toFuture())).isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("Mono Catalog.nothing() returned null instead of a Mono");
		});
	}

	@Test
	void retriedSubscriptionsRunOnWorkerThreadsWithTheSubscribersMdc() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(Catalog.class)
			.run((context) -> {
				Catalog catalog = context.getBean(Catalog.class);
				catalog.failFirst(2);
				String item;
				MDC.put("request", "r-7");
				try {
					item = catalog.itemSoon("sku-1").block(Duration.ofSeconds(5));
				}
				finally {
					MDC.remove("request");
				}
				assertThat(item).isEqualTo("sku-1");
				assertThat(catalog.contexts()).hasSize(3).allSatisfy((seen) -> assertThat(seen).startsWith("r-7@"));
				assertThat(catalog.contexts().subList(1, 3))
					.allSatisfy((seen) -> assertThat(seen).doesNotContain("@resilience-scheduler-"));
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

	public static class Catalog {

		private final AtomicInteger calls = new AtomicInteger();

		private final AtomicInteger failuresBeforeSuccess = new AtomicInteger();

		private final List<String> contexts = new CopyOnWriteArrayList<>();

		private final AtomicBoolean cancelled = new AtomicBoolean();

		@Retryable(name = "catalog", maxAttempts = 3, delay = "100ms", jitter = 0)
		public Mono<String> item(String sku) {
			return attempt(sku);
		}

		@Retryable(name = "catalogSoon", maxAttempts = 3, delay = "1ms", jitter = 0)
		public Mono<String> itemSoon(String sku) {
			return attempt(sku);
		}

		@CircuitGuarded(name = "stream")
		public Flux<String> stream(boolean fail) {
			Flux<String> items = Flux.just("a", "b", "c");
			return fail ? items.concatWith(Flux.error(new IOException("stream broke"))) : items;
		}

		@CircuitGuarded(name = "trial", minimumCalls = 1, slidingWindowSize = 1, halfOpenCalls = 1,
				waitInOpen = "10s")
		public Mono<String> trial(String mode) {
			return switch (mode) {
				case "fail" -> Mono.error(new IOException("trial failed"));
				case "hang" -> Mono.never();
				default -> Mono.just(mode);
			};
		}

		@TimeLimited(name = "never", timeout = "1s")
		public Mono<String> never() {
			return Mono.<String>never().doOnCancel(() -> this.cancelled.set(true));
		}

		@TimeLimited(name = "ticking", timeout = "1s")
		public Flux<String> ticking() {
			return Flux.concat(Mono.just("first"), Mono.never());
		}

		@Fallback(method = "cachedPrice")
		public Mono<String> price(String sku) {
			return Mono.error(new IOException("prices down"));
		}

		String cachedPrice(String sku, Throwable failure) {
			return sku + ": cached after " + failure.getClass().getSimpleName();
		}

		@Fallback(method = "cachedPrices")
		public Flux<String> prices() {
			return Flux.error(new IOException("prices down"));
		}

		Flux<String> cachedPrices() {
			return Flux.just("cached-1", "cached-2");
		}

		@CircuitGuarded(name = "nothing")
		public Mono<String> nothing() {
			return null;
		}

		private Mono<String> attempt(String sku) {
			int call = this.calls.incrementAndGet();
			this.contexts.add(MDC.get("request") + "@" + Thread.currentThread().getName());
			if (call <= this.failuresBeforeSuccess.get()) {
				return Mono.error(new IOException("down " + call));
			}
			return Mono.just(sku);
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

		public boolean cancelled() {
			return this.cancelled.get();
		}

	}

}
