package dev.resilience.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds of an asynchronous call hold as they do for a synchronous one: {@code max-duration}
 * is a deadline for the attempts; cancelling the returned future cancels the running attempt and
 * every retry still to come; a retry is charged and counted when it starts, so a cancelled delay
 * charges nothing. Time is a manual scheduler's.
 */
class AsyncCallBoundsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withBean(Calls.class);

	@Test
	void maxDurationCutsOffAnAttemptOfAFutureThatTakesLonger() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			CompletableFuture<String> result = calls.boundedFuture();
			context.getBean(ManualScheduler.class).advance(Duration.ofMillis(200));
			assertThat(result).isCompletedExceptionally();
			assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class)
				.hasMessageContaining("200ms");
			assertThat(calls.started()).isEqualTo(1);
		});
	}

	@Test
	void maxDurationCutsOffAnAttemptOfAMonoThatTakesLonger() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> result = calls.boundedMono().toFuture();
			scheduler.advance(Duration.ofMillis(200));
			assertThat(result).isCompletedExceptionally();
			assertThat(failure(result)).isInstanceOf(TimeLimitExceededException.class).hasMessageContaining("200ms");
		});
	}

	@Test
	void cancellingTheFutureCancelsTheRunningAttempt() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			CompletableFuture<String> result = calls.retriedFuture();
			assertThat(calls.started()).isEqualTo(1);
			result.cancel(true);
			assertThat(calls.attempt(0)).isCancelled();
		});
	}

	@Test
	void cancellingTheFutureCancelsTheAttemptOfATimeLimitedCall() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			CompletableFuture<String> result = calls.timeLimitedFuture();
			result.cancel(true);
			assertThat(calls.attempt(0)).isCancelled();
		});
	}

	@Test
	void cancellingTheFutureDuringADelayStopsTheRetriesAndChargesNothing() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> result = calls.retriedFuture();
			calls.attempt(0).completeExceptionally(new IOException("down"));
			assertThat(scheduler.pending()).isEqualTo(1);

			result.cancel(true);
			scheduler.advance(Duration.ofMinutes(1));

			assertThat(calls.started()).isEqualTo(1);
			assertThat(scheduler.pending()).isZero();
			Retry retry = context.getBean(ResilienceRegistry.class).retry("retried");
			assertThat(retry.metrics().retryAttempts()).isZero();
			assertThat(context.getBean(MeterRegistry.class)
				.get("resilience.retry.attempts")
				.tag("name", "retried")
				.counter()
				.count()).isZero();
		});
	}

	@Test
	void aRetryIsCountedWhenItStartsAndTheMeterAndTheEndpointAgree() {
		this.runner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Retry retry = context.getBean(ResilienceRegistry.class).retry("retried");
			calls.retriedFuture();
			calls.attempt(0).completeExceptionally(new IOException("down"));

			assertThat(retry.metrics().retryAttempts()).isZero();
			assertThat(meters.get("resilience.retry.attempts").tag("name", "retried").counter().count()).isZero();

			scheduler.advance(Duration.ofSeconds(1));

			assertThat(calls.started()).isEqualTo(2);
			assertThat(retry.metrics().retryAttempts()).isEqualTo(1);
			assertThat(meters.get("resilience.retry.attempts").tag("name", "retried").counter().count()).isOne();
		});
	}

	private static Throwable failure(CompletableFuture<?> future) {
		return future.handle((value, failure) -> failure).join();
	}

	static class Calls {

		private final List<CompletableFuture<String>> attempts = new CopyOnWriteArrayList<>();

		private final AtomicInteger started = new AtomicInteger();

		public int started() {
			return this.started.get();
		}

		public CompletableFuture<String> attempt(int index) {
			return this.attempts.get(index);
		}

		@Retryable(name = "bounded", maxDuration = "200ms", maxAttempts = 5, delay = "10ms", jitter = 0)
		@TimeLimited(name = "bounded", timeout = "10s")
		public CompletableFuture<String> boundedFuture() {
			return newAttempt();
		}

		@Retryable(name = "boundedMono", maxDuration = "200ms", maxAttempts = 5, delay = "10ms", jitter = 0)
		@TimeLimited(name = "boundedMono", timeout = "10s")
		public Mono<String> boundedMono() {
			return Mono.fromFuture(this::newAttempt);
		}

		@Retryable(name = "retried", maxAttempts = 5, delay = "1s", jitter = 0)
		public CompletableFuture<String> retriedFuture() {
			return newAttempt();
		}

		@Retryable(name = "timeLimited", maxAttempts = 5, delay = "1s", jitter = 0)
		@TimeLimited(name = "timeLimited", timeout = "10s")
		public CompletableFuture<String> timeLimitedFuture() {
			return newAttempt();
		}

		private CompletableFuture<String> newAttempt() {
			CompletableFuture<String> attempt = new CompletableFuture<>();
			this.attempts.add(attempt);
			this.started.incrementAndGet();
			return attempt;
		}

	}

}
