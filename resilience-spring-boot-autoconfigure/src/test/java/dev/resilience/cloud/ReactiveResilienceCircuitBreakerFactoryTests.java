package dev.resilience.cloud;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSpringCloudAutoConfiguration;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive Spring Cloud factory: nothing starts before subscription, each subscription is one
 * call of the registry's breaker of the id, timeouts run on a manual scheduler, and a cancelled
 * subscription hands its permit back.
 */
class ReactiveResilienceCircuitBreakerFactoryTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSpringCloudAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withPropertyValues("resilience.circuit-breaker.instances.catalog.minimum-calls=2",
				"resilience.circuit-breaker.instances.catalog.sliding-window-size=2",
				"resilience.circuit-breaker.instances.catalog.wait-in-open=10s",
				"resilience.circuit-breaker.instances.catalog.half-open-calls=1");

	@Test
	void nothingRunsBeforeSubscriptionAndEachSubscriptionIsACall() {
		this.runner.run((context) -> {
			AtomicInteger calls = new AtomicInteger();
			Mono<Integer> item = create(context.getBean(ReactiveCircuitBreakerFactory.class))
				.run(Mono.fromSupplier(calls::incrementAndGet), (failure) -> Mono.just(-1));
			assertThat(calls).hasValue(0);
			assertThat(item.block()).isOne();
			assertThat(item.block()).isEqualTo(2);
			assertThat(breaker(context).metrics().bufferedCalls()).isEqualTo(2);
		});
	}

	@Test
	void openBreakerRejectsToTheFallbackWithoutSubscribing() {
		this.runner.run((context) -> {
			ReactiveCircuitBreaker cloudBreaker = create(context.getBean(ReactiveCircuitBreakerFactory.class));
			for (int i = 0; i < 2; i++) {
				cloudBreaker.run(Mono.error(new IOException("refused")), (failure) -> Mono.just("cached")).block();
			}
			assertThat(breaker(context).state()).isEqualTo(CircuitBreaker.State.OPEN);
			AtomicInteger subscriptions = new AtomicInteger();
			AtomicReference<Throwable> received = new AtomicReference<>();
			String answer = cloudBreaker.run(Mono.just("fresh").doOnSubscribe((s) -> subscriptions.incrementAndGet()),
					(failure) -> {
						received.set(failure);
						return Mono.just("cached");
					})
				.block();
			assertThat(answer).isEqualTo("cached");
			assertThat(subscriptions).hasValue(0);
			assertThat(received.get()).isInstanceOf(CallNotPermittedException.class);
		});
	}

	@Test
	void configuredTimeLimitRunsOnTheSchedulerAndTheFallbackGetsTheTimeout() {
		this.runner.withPropertyValues("resilience.time-limiter.instances.catalog.timeout=2s").run((context) -> {
			AtomicReference<Throwable> received = new AtomicReference<>();
			CompletableFuture<String> answer = create(context.getBean(ReactiveCircuitBreakerFactory.class))
				.run(Mono.<String>never(), (failure) -> {
					received.set(failure);
					return Mono.just("cached");
				})
				.toFuture();
			assertThat(answer).isNotDone();
			context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(2));
			assertThat(answer).isCompletedWithValue("cached");
			assertThat(received.get()).isInstanceOf(TimeLimitExceededException.class);
			assertThat(breaker(context).metrics().failedCalls()).isOne();
		});
	}

	@Test
	void fluxIsOneCallThatSucceedsWhenItCompletes() {
		this.runner.run((context) -> {
			ReactiveCircuitBreaker cloudBreaker = create(context.getBean(ReactiveCircuitBreakerFactory.class));
			Flux<String> whole = Flux.just("a", "b", "c");
			Flux<String> broken = Flux.concat(Flux.just("a"), Flux.error(new IOException("reset")));
			assertThat(cloudBreaker.run(whole, (failure) -> Flux.just("cached")).collectList().block())
				.containsExactly("a", "b", "c");
			assertThat(cloudBreaker.run(broken, (failure) -> Flux.just("cached")).collectList().block())
				.containsExactly("a", "cached");
			assertThat(breaker(context).metrics().bufferedCalls()).isEqualTo(2);
			assertThat(breaker(context).metrics().failedCalls()).isOne();
		});
	}

	@Test
	void cancelledSubscriptionHandsItsHalfOpenPermitBack() {
		this.runner.run((context) -> {
			ReactiveCircuitBreaker cloudBreaker = create(context.getBean(ReactiveCircuitBreakerFactory.class));
			for (int i = 0; i < 2; i++) {
				cloudBreaker.run(Mono.error(new IOException("refused")), (failure) -> Mono.just("cached")).block();
			}
			context.getBean(ManualClock.class).advance(Duration.ofSeconds(10));
			Disposable hanging = cloudBreaker.run(Mono.never()).subscribe();
			assertThat(breaker(context).state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
			assertThat(cloudBreaker.run(Mono.just("ok"), (failure) -> Mono.just("rejected")).block())
				.isEqualTo("rejected");
			hanging.dispose();
			assertThat(cloudBreaker.run(Mono.just("ok")).block()).isEqualTo("ok");
			assertThat(breaker(context).state()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void failureWithoutAFallbackIsWrappedAsSpringCloudDoes() {
		this.runner.run((context) -> {
			CompletableFuture<Object> answer = create(context.getBean(ReactiveCircuitBreakerFactory.class))
				.run(Mono.error(new IOException("refused")))
				.toFuture();
			assertThat(answer).failsWithin(Duration.ZERO)
				.withThrowableOfType(Exception.class)
				.havingCause()
				.isInstanceOf(NoFallbackAvailableException.class)
				.withCauseInstanceOf(IOException.class);
		});
	}

	private static ReactiveCircuitBreaker create(ReactiveCircuitBreakerFactory<?, ?> factory) {
		return factory.create("catalog");
	}

	private static CircuitBreaker breaker(org.springframework.context.ApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).findCircuitBreaker("catalog").orElseThrow();
	}

}
