package dev.resilience.aop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.Deadline;
import dev.resilience.core.ManualClock;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A guarded call entered after the deadline of the work it belongs to fails at once with
 * {@link TimeLimitExceededException}, without running; its fallback may still answer.
 */
class ExpiredDeadlineTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(Catalog.class);

	@Test
	void synchronousCallFailsWithoutRunning() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			try (Deadline.Scope scope = expired(context.getBean(ManualClock.class))) {
				assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(catalog::product)
					.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("Catalog.product"));
			}
			assertThat(catalog.calls()).isZero();
		});
	}

	@Test
	void fallbackStillAnswers() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			try (Deadline.Scope scope = expired(context.getBean(ManualClock.class))) {
				assertThat(catalog.price()).isEqualTo("price unknown");
			}
			assertThat(catalog.calls()).isZero();
		});
	}

	@Test
	void completionStageFailsWithoutRunning() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			CompletableFuture<String> result;
			try (Deadline.Scope scope = expired(context.getBean(ManualClock.class))) {
				result = catalog.stock();
			}
			assertThat(result).failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withCauseInstanceOf(TimeLimitExceededException.class);
			assertThat(catalog.calls()).isZero();
		});
	}

	@Test
	void monoSubscribedAfterTheDeadlineFailsWithoutRunning() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			try (Deadline.Scope scope = expired(context.getBean(ManualClock.class))) {
				assertThatExceptionOfType(TimeLimitExceededException.class)
					.isThrownBy(() -> catalog.reviews().block(Duration.ofSeconds(5)));
			}
			assertThat(catalog.calls()).isZero();
		});
	}

	private static Deadline.Scope expired(ManualClock clock) {
		Deadline deadline = Deadline.within(Duration.ofMillis(100), clock);
		clock.advance(Duration.ofMillis(100));
		return deadline.attach();
	}

	static class Catalog {

		private final AtomicInteger calls = new AtomicInteger();

		@Retryable
		public String product() {
			this.calls.incrementAndGet();
			return "product";
		}

		@CircuitGuarded
		@Fallback(method = "priceUnknown")
		public String price() {
			this.calls.incrementAndGet();
			return "9.99";
		}

		String priceUnknown() {
			return "price unknown";
		}

		@Retryable
		public CompletableFuture<String> stock() {
			this.calls.incrementAndGet();
			return CompletableFuture.completedFuture("7");
		}

		@Retryable
		public Mono<String> reviews() {
			return Mono.fromCallable(() -> {
				this.calls.incrementAndGet();
				return "5 stars";
			});
		}

		public int calls() {
			return this.calls.get();
		}

	}

}
