package dev.resilience.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSpringCloudAutoConfiguration;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The blocking Spring Cloud factory: its breakers are the registry's instances of the same names,
 * configured from {@code resilience.*}, time limited where a time limiter is configured, and
 * counted by the same meters.
 */
class ResilienceCircuitBreakerFactoryTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSpringCloudAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withPropertyValues("resilience.circuit-breaker.instances.inventory.minimum-calls=2",
				"resilience.circuit-breaker.instances.inventory.sliding-window-size=2",
				"resilience.circuit-breaker.instances.inventory.wait-in-open=10s",
				"resilience.circuit-breaker.instances.inventory.half-open-calls=1");

	@Test
	void breakerOpenedThroughTheFactoryIsTheRegistrysAndRejectsToTheFallback() {
		this.runner.run((context) -> {
			CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("inventory");
			AtomicReference<Throwable> received = new AtomicReference<>();
			for (int i = 0; i < 2; i++) {
				assertThat(breaker.run(this::unreachable, (failure) -> "cached")).isEqualTo("cached");
			}
			dev.resilience.core.CircuitBreaker instance = context.getBean(ResilienceRegistry.class)
				.findCircuitBreaker("inventory")
				.orElseThrow();
			assertThat(instance.state()).isEqualTo(dev.resilience.core.CircuitBreaker.State.OPEN);
			AtomicInteger calls = new AtomicInteger();
			String answer = breaker.run(calls::toString, (failure) -> {
				received.set(failure);
				return "cached";
			});
			assertThat(answer).isEqualTo("cached");
			assertThat(calls).hasValue(0);
			assertThat(received.get()).isInstanceOf(CallNotPermittedException.class);
			assertThat(instance.metrics().notPermittedCalls()).isOne();
		});
	}

	@Test
	void settingsOfTheIdInApplicationYmlApply() {
		this.runner.run((context) -> {
			CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("inventory");
			breaker.run(this::unreachable, (failure) -> "cached");
			breaker.run(this::unreachable, (failure) -> "cached");
			dev.resilience.core.CircuitBreaker instance = context.getBean(ResilienceRegistry.class)
				.circuitBreaker("inventory");
			context.getBean(ManualClock.class).advance(Duration.ofSeconds(10));
			assertThat(breaker.run(() -> "fresh", (failure) -> "cached")).isEqualTo("fresh");
			assertThat(instance.state()).isEqualTo(dev.resilience.core.CircuitBreaker.State.CLOSED);
			assertThat(instance.config().halfOpenCalls()).isOne();
		});
	}

	@Test
	void settingsGivenInCodeLieUnderApplicationYml() {
		this.runner.run((context) -> {
			@SuppressWarnings("unchecked")
			CircuitBreakerFactory<CloudCircuitBreakerConfig, CloudCircuitBreakerConfig.Builder> factory = context
				.getBean(CircuitBreakerFactory.class);
			factory.configure((config) -> config
				.circuitBreaker((builder) -> builder.minimumCalls(7).waitInOpen(Duration.ofSeconds(3))), "inventory");
			factory.configureDefault((id) -> CloudCircuitBreakerConfig.builder()
				.circuitBreaker((builder) -> builder.minimumCalls(4))
				.build());
			factory.create("inventory").run(() -> "ok");
			factory.create("catalog").run(() -> "ok");
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			assertThat(registry.circuitBreaker("inventory").config().minimumCalls()).isEqualTo(2);
			assertThat(registry.circuitBreaker("inventory").config().waitInOpen()).isEqualTo(Duration.ofSeconds(10));
			assertThat(registry.circuitBreaker("catalog").config().minimumCalls()).isEqualTo(4);
		});
	}

	@Test
	void configuredTimeLimitCutsASlowSupplierAndTheFallbackGetsTheTimeout() {
		this.runner.withPropertyValues("resilience.time-limiter.instances.inventory.timeout=50ms").run((context) -> {
			CountDownLatch never = new CountDownLatch(1);
			AtomicReference<Throwable> received = new AtomicReference<>();
			String answer = context.getBean(CircuitBreakerFactory.class).create("inventory").run(() -> {
				awaitQuietly(never);
				return "late";
			}, (failure) -> {
				received.set(failure);
				return "cached";
			});
			assertThat(answer).isEqualTo("cached");
			assertThat(received.get()).isInstanceOf(TimeLimitExceededException.class);
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			assertThat(registry.circuitBreaker("inventory").metrics().failedCalls()).isOne();
			assertThat(registry.findTimeLimiter("inventory")).isPresent();
		});
	}

	@Test
	void timeLimitAskedForInCodeTakesTheConfiguredDefaults() {
		this.runner.withPropertyValues("resilience.time-limiter.defaults.timeout=50ms").run((context) -> {
			@SuppressWarnings("unchecked")
			CircuitBreakerFactory<CloudCircuitBreakerConfig, CloudCircuitBreakerConfig.Builder> factory = context
				.getBean(CircuitBreakerFactory.class);
			factory.configure((config) -> config.timeLimiter((builder) -> {
			}), "catalog");
			CountDownLatch never = new CountDownLatch(1);
			AtomicReference<Throwable> received = new AtomicReference<>();
			factory.create("catalog").run(() -> awaitQuietly(never), (failure) -> {
				received.set(failure);
				return false;
			});
			assertThat(received.get()).isInstanceOf(TimeLimitExceededException.class);
		});
	}

	@Test
	void withoutAConfiguredTimeLimitTheSupplierRunsOnTheCallersThread() {
		this.runner.run((context) -> {
			Thread caller = Thread.currentThread();
			Thread ran = context.getBean(CircuitBreakerFactory.class).create("inventory").run(Thread::currentThread);
			assertThat(ran).isSameAs(caller);
			assertThat(context.getBean(ResilienceRegistry.class).findTimeLimiter("inventory")).isEmpty();
		});
	}

	@Test
	void failureWithoutAFallbackIsWrappedAsSpringCloudDoes() {
		this.runner.run((context) -> {
			CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("inventory");
			assertThatExceptionOfType(NoFallbackAvailableException.class)
				.isThrownBy(() -> breaker.run(this::unreachable))
				.withCauseInstanceOf(UncheckedIOException.class);
		});
	}

	@Test
	void callsRejectionsAndFallbacksAreCountedUnderTheId() {
		this.runner
			.withConfiguration(AutoConfigurations.of(ResilienceMetricsAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("inventory");
				for (int i = 0; i < 3; i++) {
					breaker.run(this::unreachable, (failure) -> "cached");
				}
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("resilience.circuitbreaker.calls")
					.tags("name", "inventory", "outcome", "failure")
					.timer()
					.count()).isEqualTo(2);
				assertThat(meters.get("resilience.circuitbreaker.calls")
					.tags("name", "inventory", "outcome", "rejected")
					.timer()
					.count()).isOne();
				assertThat(meters.get("resilience.fallback.calls")
					.tags("name", "inventory", "cause", "CallNotPermittedException")
					.counter()
					.count()).isOne();
				assertThat(meters.get("resilience.circuitbreaker.state")
					.tags("name", "inventory", "state", "open")
					.gauge()
					.value()).isOne();
			});
	}

	private String unreachable() {
		throw new UncheckedIOException(new IOException("connection refused"));
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
