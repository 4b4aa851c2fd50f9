package dev.resilience.aop;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.Hedged;
import dev.resilience.annotation.RateLimited;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.HedgeDelay;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotations that cannot work as declared fail start-up, naming the bean, the method and what
 * to change; never at the first call.
 */
class InvalidAnnotationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void missingFallbackMethodFailsStartUp() {
		this.runner.withBean("quoteService", MissingFallback.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("Bean 'quoteService'")
				.hasMessageContaining("String MissingFallback.quote(String)")
				.hasMessageContaining("'cachedQuote', which does not exist");
			InvalidAnnotationException ex = invalidAnnotation(context.getStartupFailure());
			assertThat(ex.getAction()).contains("String cachedQuote(String) or String cachedQuote(String, Throwable)");
		});
	}

	@Test
	void fallbackWithIncompatibleSignatureFailsStartUp() {
		this.runner.withBean("quoteService", WrongFallback.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("no method of that name has a compatible signature")
				.hasMessageContaining("Integer WrongFallback.cachedQuote(String)")
				.hasMessageContaining("void WrongFallback.cachedQuote(int)");
		});
	}

	@Test
	void rateLimitAboveTheMaximumFailsStartUp() {
		this.runner.withBean("geocoder", HugeQuota.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("invalid @RateLimited(limit) '20000': must be an integer from 1 to 10000");
		});
	}

	@Test
	void unparsableMaxWaitOfAConcurrencyLimitFailsStartUp() {
		this.runner.withBean("inventory", UnparsableMaxWait.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("invalid @ConcurrencyLimited(maxWait) 'soon'");
		});
	}

	@Test
	void negativeMaxAttemptsFailsStartUp() {
		this.runner.withBean("inventory", NegativeAttempts.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("invalid @Retryable(maxAttempts) '-5': must be an integer of at least 1");
		});
	}

	@Test
	void jitterAboveOneFailsStartUp() {
		this.runner.withBean("inventory", TooMuchJitter.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("@Retryable(jitter) '1.5'");
		});
	}

	@Test
	void unparsableDurationFailsStartUp() {
		this.runner.withBean("clock", BadTimeout.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("invalid @TimeLimited(timeout) 'soon'");
		});
	}

	@Test
	void durationFromPlaceholderIsResolved() {
		this.runner.withBean("clock", PlaceholderTimeout.class)
			.withPropertyValues("clock.timeout=250ms")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void springRetryableOnTheSameMethodFailsStartUp() {
		this.runner.withBean("inventory", BothRetryables.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("would multiply the attempts");
		});
	}

	@Test
	void completableFutureMethodStarts() {
		this.runner.withBean("inventory", AsyncInventory.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void completionStageTypeThePipelineCannotCreateFailsStartUp() {
		this.runner.withBean("inventory", OwnFutureInventory.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("returns OwnFuture, a CompletionStage that the resilience pipeline cannot create");
		});
	}

	@Test
	void publisherOtherThanMonoOrFluxFailsStartUp() {
		this.runner.withBean("inventory", PublisherInventory.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("returns Publisher, a reactive type other than Mono and Flux");
		});
	}

	@Test
	void asynchronousFallbackOfAnotherValueTypeFailsStartUp() {
		this.runner.withBean("quoteService", WrongAsyncFallback.class).run((context) -> {
			assertThat(context).hasFailed();
			InvalidAnnotationException ex = invalidAnnotation(context.getStartupFailure());
			assertThat(ex).hasMessageContaining("no method of that name has a compatible signature");
			assertThat(ex.getAction()).contains("it may also return the plain value, String");
		});
	}

	@Test
	void unparsableHedgeDelayFailsStartUpSayingWhatIsAllowed() {
		this.runner.withBean("inventory", UnparsableHedgeDelay.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("invalid @Hedged(delay) 'soon': must be a duration of at least 0, or p followed "
						+ "by a percentile above 0 and below 100 (p90, p95, p99)");
		});
	}

	@Test
	void hedgePercentileOfAHundredFailsStartUp() {
		this.runner.withBean("inventory", HundredthPercentile.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure())).hasMessageContaining("invalid @Hedged(delay) 'p100'");
		});
	}

	@Test
	void hedgeOfOneAttemptFailsStartUp() {
		this.runner.withBean("inventory", SingleAttemptHedge.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidAnnotation(context.getStartupFailure()))
				.hasMessageContaining("invalid @Hedged(maxAttempts) '1': must be an integer from 2 to 10");
		});
	}

	@Test
	void hedgeDelayFromPlaceholderIsResolvedAsAPercentileOrADuration() {
		this.runner.withBean("inventory", PlaceholderHedgeDelays.class)
			.withPropertyValues("inventory.slow=p99", "inventory.fast=80ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
				assertThat(registry.hedge("slow").config().delay()).isEqualTo(HedgeDelay.percentile(99));
				assertThat(registry.hedge("fast").config().delay())
					.isEqualTo(HedgeDelay.of(java.time.Duration.ofMillis(80)));
			});
	}

	private static InvalidAnnotationException invalidAnnotation(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidAnnotationException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidAnnotationException in the cause chain of " + failure, failure);
	}

	static class MissingFallback {

		@CircuitGuarded
		@Fallback(method = "cachedQuote")
		public String quote(String symbol) throws IOException {
			throw new IOException("down");
		}

	}

	static class WrongFallback {

		@Fallback(method = "cachedQuote")
		public String quote(String symbol) throws IOException {
			throw new IOException("down");
		}

		Integer cachedQuote(String symbol) {
			return 1;
		}

		void cachedQuote(int symbol) {
		}

	}

	static class UnparsableHedgeDelay {

		@Hedged(delay = "soon")
		public String load() {
			return "x";
		}

	}

	static class HundredthPercentile {

		@Hedged(delay = "p100")
		public String load() {
			return "x";
		}

	}

	static class SingleAttemptHedge {

		@Hedged(maxAttempts = 1)
		public String load() {
			return "x";
		}

	}

	static class PlaceholderHedgeDelays {

		@Hedged(name = "slow", delay = "${inventory.slow}")
		public String slow() {
			return "x";
		}

		@Hedged(name = "fast", delay = "${inventory.fast}")
		public String fast() {
			return "x";
		}

	}

	static class HugeQuota {

		@RateLimited(limit = 20_000)
		public String geocode() {
			return "x";
		}

	}

	static class UnparsableMaxWait {

		@ConcurrencyLimited(maxWait = "soon")
		public String load() {
			return "x";
		}

	}

	static class NegativeAttempts {

		@Retryable(maxAttempts = -5)
		public String load() {
			return "x";
		}

	}

	static class TooMuchJitter {

		@Retryable(jitter = 1.5)
		public String load() {
			return "x";
		}

	}

	static class BadTimeout {

		@TimeLimited(timeout = "soon")
		public String now() {
			return "x";
		}

	}

	static class PlaceholderTimeout {

		@TimeLimited(timeout = "${clock.timeout}")
		public String now() {
			return "x";
		}

	}

	static class BothRetryables {

		@Retryable
		@org.springframework.resilience.annotation.Retryable
		public String load() {
			return "x";
		}

	}

	static class AsyncInventory {

		@Retryable
		public CompletableFuture<String> load() {
			return CompletableFuture.completedFuture("x");
		}

	}

	static class OwnFuture<T> extends CompletableFuture<T> {

	}

	static class OwnFutureInventory {

		@Retryable
		public OwnFuture<String> load() {
			return new OwnFuture<>();
		}

	}

	static class PublisherInventory {

		@Retryable
		public Publisher<String> load() {
			return Mono.just("x");
		}

	}

	static class WrongAsyncFallback {

		@Fallback(method = "cachedQuote")
		public CompletableFuture<String> quote(String symbol) {
			return CompletableFuture.failedFuture(new IOException("down"));
		}

		Integer cachedQuote(String symbol) {
			return 1;
		}

	}

}
