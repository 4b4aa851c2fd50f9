package dev.resilience.aop;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.FaultConfig;
import dev.resilience.core.Faults;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Sleeper;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults injected into annotated methods ({@code resilience.faults.*}): innermost, so that every
 * policy sees them as if the method misbehaved; never without {@code resilience.faults.enabled}.
 */
class FaultInjectionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withBean(Recommendations.class)
		.withPropertyValues("resilience.faults.enabled=true");

	@Test
	void anInjectedExceptionReplacesTheCallIsCountedByTheBreakerAndReachesTheFallback() {
		this.runner
			.withPropertyValues("resilience.faults.instances.recommendations.exception=java.io.IOException",
					"resilience.circuit-breaker.instances.recommendations.minimum-calls=2",
					"resilience.circuit-breaker.instances.recommendations.sliding-window-size=2")
			.run((context) -> {
				Recommendations recommendations = context.getBean(Recommendations.class);
				CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("recommendations");

				assertThat(recommendations.forUser("ada")).isEqualTo("best sellers after IOException");
				assertThat(recommendations.forUser("ada")).isEqualTo("best sellers after IOException");

				assertThat(recommendations.bodyRuns()).as("the body never ran").isZero();
				assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
				assertThat(breaker.metrics().failedCalls()).isEqualTo(2);
			});
	}

	@Test
	void anInjectedExceptionIsRetriedAsARealOneWouldBe() {
		this.runner.withPropertyValues("resilience.faults.instances.inventory.exception=java.io.IOException",
				"resilience.faults.instances.inventory.exception-rate=1",
				"resilience.retry.instances.inventory.max-attempts=3")
			.run((context) -> {
				Recommendations recommendations = context.getBean(Recommendations.class);

				assertThatExceptionOfType(IOException.class).isThrownBy(recommendations::stock)
					.withMessage("Fault injected by resilience.faults for 'inventory'");

				assertThat(context.getBean(ManualClock.class).sleeps()).as("two retries").hasSize(2);
				assertThat(recommendations.bodyRuns()).isZero();
			});
	}

	@Test
	void injectedLatencyIsSpentInsideTheTimeLimitSoThatTheCallTimesOutBeforeTheBodyRuns() {
		// the system sleeper: the time limiter gives up after 50ms of the 5s injected, and
		// interrupts the worker spending them
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(Recommendations.class)
			.withPropertyValues("resilience.faults.enabled=true", "resilience.faults.instances.time.latency=5s",
					"resilience.time-limiter.instances.time.timeout=50ms")
			.run((context) -> {
				Recommendations recommendations = context.getBean(Recommendations.class);

				assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(recommendations::time);

				assertThat(recommendations.bodyRuns()).isZero();
			});
	}

	@Test
	void latencyGoesToTheSleeperAndTheBodyRunsAfterIt() {
		this.runner.withPropertyValues("resilience.faults.instances.slow.latency=2s")
			.run((context) -> {
				Recommendations recommendations = context.getBean(Recommendations.class);

				assertThat(recommendations.slow()).isEqualTo("slow answer");

				assertThat(context.getBean(ManualClock.class).sleeps()).containsExactly(Duration.ofSeconds(2));
				assertThat(recommendations.bodyRuns()).isEqualTo(1);
			});
	}

	@Test
	void asynchronousMethodsFailWithTheInjectedExceptionWithoutRunningAndAreDelayedOnTheScheduler() {
		this.runner.withPropertyValues("resilience.faults.instances.async.exception=java.lang.IllegalStateException",
				"resilience.faults.instances.reactive.latency=300ms")
			.run((context) -> {
				Recommendations recommendations = context.getBean(Recommendations.class);
				ManualScheduler scheduler = context.getBean(ManualScheduler.class);

				CompletableFuture<String> future = recommendations.async().toCompletableFuture();
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
					.withCauseInstanceOf(IllegalStateException.class);

				CompletableFuture<String> reactive = recommendations.reactive().toFuture();
				assertThat(reactive).isNotDone();
				assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(300));
				scheduler.advance(Duration.ofMillis(300));
				assertThat(reactive.get(10, TimeUnit.SECONDS)).isEqualTo("reactive answer");
				assertThat(recommendations.bodyRuns()).as("only the reactive body ran").isEqualTo(1);
			});
	}

	@Test
	void faultsSetAtRunTimeApplyToTheNextCallAndClearingThemStops() {
		this.runner.run((context) -> {
			Recommendations recommendations = context.getBean(Recommendations.class);
			Faults faults = context.getBean(Faults.class);
			assertThat(recommendations.forUser("ada")).isEqualTo("for ada");

			faults.set("recommendations", FaultConfig.builder().exception(IOException.class).build());
			assertThat(recommendations.forUser("ada")).isEqualTo("best sellers after IOException");

			faults.clear("recommendations");
			assertThat(recommendations.forUser("ada")).isEqualTo("for ada");
		});
	}

	@Test
	void withoutEnablingThemConfiguredFaultsAreNeverInjected() {
		this.runner.withPropertyValues("resilience.faults.enabled=false",
				"resilience.faults.instances.recommendations.exception=java.io.IOException")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(Faults.class);
				assertThat(context.getBean(Recommendations.class).forUser("ada")).isEqualTo("for ada");
			});
	}

	@Test
	void aFaultsBeanIsIgnoredUnlessFaultsAreEnabled() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(ManualClock.class)
			.withBean(Recommendations.class)
			.withBean(Faults.class, () -> new Faults(
					Map.of("recommendations", FaultConfig.builder().exception(IOException.class).build()),
					new ResilienceListener() {
					}, Sleeper.system()))
			.run((context) -> assertThat(context.getBean(Recommendations.class).forUser("ada")).isEqualTo("for ada"));
	}

	@Test
	void workStartedAfterInjectedLatencyHasTheCallersContext() {
		this.runner.withPropertyValues("resilience.faults.instances.async.latency=300ms").run((context) -> {
			Recommendations recommendations = context.getBean(Recommendations.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			MDC.put("request", "r-42");
			CompletableFuture<String> answer;
			try {
				answer = recommendations.async().toCompletableFuture();
			}
			finally {
				MDC.remove("request");
			}
			assertThat(answer).isNotDone();

			scheduler.advance(Duration.ofMillis(300));

			assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("async answer for r-42");
		});
	}

	@Test
	void eachSubscriptionOfAPublisherDrawsItsFaultsAgain() {
		this.runner.withPropertyValues("resilience.faults.instances.reactive.exception=java.lang.IllegalStateException")
			.run((context) -> {
				List<String> injected = new CopyOnWriteArrayList<>();
				context.getBean(ResilienceRegistry.class).addListener(new ResilienceListener() {

					@Override
					public void onFaultInjected(String name, Fault fault) {
						injected.add(name + " " + fault);
					}

				});
				Mono<String> reactive = context.getBean(Recommendations.class).reactive();
				assertThat(injected).as("nothing drawn before a subscription").isEmpty();

				for (int subscription = 1; subscription <= 2; subscription++) {
					assertThatExceptionOfType(IllegalStateException.class).isThrownBy(reactive::block);
				}

				assertThat(injected).containsExactly("reactive EXCEPTION", "reactive EXCEPTION");
			});
	}

	@Test
	void aCheckedExceptionTheMethodDoesNotDeclareReachesACallerWithoutFallbackWrappedAsSpringAopWrapsAny() {
		this.runner.withPropertyValues("resilience.faults.instances.slow.exception=java.io.IOException")
			.run((context) -> assertThatExceptionOfType(UndeclaredThrowableException.class)
				.isThrownBy(context.getBean(Recommendations.class)::slow)
				.withCauseInstanceOf(IOException.class));
	}

	static class Recommendations {

		private final AtomicInteger bodyRuns = new AtomicInteger();

		@CircuitGuarded(name = "recommendations")
		@Fallback(method = "bestSellers")
		public String forUser(String user) {
			this.bodyRuns.incrementAndGet();
			return "for " + user;
		}

		String bestSellers(String user, Throwable failure) {
			return "best sellers after " + failure.getClass().getSimpleName();
		}

		@Retryable(name = "inventory")
		public String stock() throws IOException {
			this.bodyRuns.incrementAndGet();
			return "7 in stock";
		}

		@TimeLimited(name = "time")
		public String time() {
			this.bodyRuns.incrementAndGet();
			return "12:00";
		}

		@Retryable(name = "slow", maxAttempts = 1)
		public String slow() {
			this.bodyRuns.incrementAndGet();
			return "slow answer";
		}

		@CircuitGuarded(name = "async")
		public CompletionStage<String> async() {
			this.bodyRuns.incrementAndGet();
			String request = MDC.get("request");
			return CompletableFuture.completedFuture("async answer" + ((request != null) ? " for " + request : ""));
		}

		@CircuitGuarded(name = "reactive")
		public Mono<String> reactive() {
			return Mono.fromSupplier(() -> {
				this.bodyRuns.incrementAndGet();
				return "reactive answer";
			});
		}

		int bodyRuns() {
			return this.bodyRuns.get();
		}

	}

}
