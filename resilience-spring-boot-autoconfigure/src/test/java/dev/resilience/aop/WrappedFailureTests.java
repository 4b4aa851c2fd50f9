package dev.resilience.aop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The default classification looks at a failure and its causes: a wrapped I/O error or timeout is
 * retried and recorded, a cycle of causes ends the walk, and a user's {@code retry-on} list is
 * matched against the failure itself.
 */
class WrappedFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(Gateway.class);

	@Test
	void uncheckedIoExceptionIsRetriedAndRecordedByDefault() {
		this.runner.run((context) -> {
			Gateway gateway = context.getBean(Gateway.class);
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> gateway.call(() -> new UncheckedIOException(new IOException("reset"))));
			assertThat(gateway.calls()).isEqualTo(3);
			assertThat(breaker(context.getBean(ResilienceRegistry.class)).metrics().failedCalls()).isEqualTo(3);
		});
	}

	@Test
	void wrappedSocketTimeoutIsRetriedAndRecordedByDefault() {
		this.runner.run((context) -> {
			Gateway gateway = context.getBean(Gateway.class);
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> gateway.call(() -> new IllegalStateException(new SocketTimeoutException("read"))));
			assertThat(gateway.calls()).isEqualTo(3);
			assertThat(breaker(context.getBean(ResilienceRegistry.class)).metrics().failedCalls()).isEqualTo(3);
		});
	}

	@Test
	void failureWithACycleOfCausesIsNeitherRetriedNorRecorded() {
		this.runner.run((context) -> {
			Gateway gateway = context.getBean(Gateway.class);
			assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(
					IllegalStateException.class).isThrownBy(() -> gateway.call(WrappedFailureTests::cycle)));
			assertThat(gateway.calls()).isEqualTo(1);
			CircuitBreaker.Metrics metrics = breaker(context.getBean(ResilienceRegistry.class)).metrics();
			assertThat(metrics.bufferedCalls()).isEqualTo(1);
			assertThat(metrics.failedCalls()).isZero();
		});
	}

	@Test
	void retryOnListMatchesTheFailureItselfNotItsCauses() {
		this.runner.withPropertyValues("resilience.retry.instances.gateway.retry-on=java.io.IOException")
			.run((context) -> {
				Gateway gateway = context.getBean(Gateway.class);
				assertThatExceptionOfType(UncheckedIOException.class)
					.isThrownBy(() -> gateway.call(() -> new UncheckedIOException(new IOException("reset"))));
				assertThat(gateway.calls()).isEqualTo(1);
			});
	}

	private static IllegalStateException cycle() {
		IllegalStateException a = new IllegalStateException("a");
		IllegalArgumentException b = new IllegalArgumentException("b");
		a.initCause(b);
		b.initCause(a);
		return a;
	}

	private static CircuitBreaker breaker(ResilienceRegistry registry) {
		return registry.findCircuitBreaker("gateway").orElseThrow();
	}

	static class Gateway {

		private final AtomicInteger calls = new AtomicInteger();

		@Retryable(name = "gateway", maxAttempts = 3, delay = "10ms")
		@CircuitGuarded(name = "gateway")
		public String call(Supplier<RuntimeException> failure) {
			this.calls.incrementAndGet();
			throw failure.get();
		}

		public int calls() {
			return this.calls.get();
		}

	}

}
