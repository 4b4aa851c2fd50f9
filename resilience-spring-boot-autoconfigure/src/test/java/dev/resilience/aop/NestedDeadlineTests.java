package dev.resilience.aop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.Deadline;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Three nested layers, each with its own generous timeout, under a top layer with a short one:
 * the bottom is cut at the top's remaining time, for synchronous, CompletionStage and Mono
 * methods alike. The upper layers do not cancel running work, so only the bottom's own time
 * limiter, running on the deadline it inherited, can end the bottom's work that early. (A Mono is
 * always cancelled by its subscriber's timeout, so for Mono the test reads the deadline the bottom
 * runs with.)
 */
class NestedDeadlineTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(Layers.class);

	@Test
	void synchronousBottomIsCutAtTheTopsRemainingTime() {
		this.runner.run((context) -> {
			Top top = context.getBean(Top.class);
			long start = System.nanoTime();
			assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(top::sync);

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry.timeLimiter("bottom-sync").metrics().timedOut()).isOne());
			context.getBean(Bottom.class).release();
		});
	}

	@Test
	void completionStageBottomIsCutAtTheTopsRemainingTime() {
		this.runner.run((context) -> {
			Top top = context.getBean(Top.class);
			CompletableFuture<String> result = top.future();
			assertThat(result).failsWithin(Duration.ofSeconds(5))
				.withThrowableThat()
				.withCauseInstanceOf(TimeLimitExceededException.class);
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry.timeLimiter("bottom-future").metrics().timedOut()).isOne());
		});
	}

	@Test
	void monoBottomRunsWithinTheTopsRemainingTime() {
		this.runner.run((context) -> {
			Top top = context.getBean(Top.class);
			Duration remainingAtTheBottom = top.mono().block(Duration.ofSeconds(5));
			assertThat(remainingAtTheBottom).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
		});
	}

	@Test
	void monoEndsAtTheTopsTimeout() {
		this.runner.run((context) -> {
			Top top = context.getBean(Top.class);
			assertThatExceptionOfType(TimeLimitExceededException.class)
				.isThrownBy(() -> top.neverMono().block(Duration.ofSeconds(5)));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Layers {

		@Bean
		Bottom bottom() {
			return new Bottom();
		}

		@Bean
		Middle middle(Bottom bottom) {
			return new Middle(bottom);
		}

		@Bean
		Top top(Middle middle) {
			return new Top(middle);
		}

	}

	static class Top {

		private final Middle middle;

		Top(Middle middle) {
			this.middle = middle;
		}

		@TimeLimited(name = "top-sync", timeout = "300ms", cancelRunning = "false")
		public String sync() throws InterruptedException {
			return this.middle.sync();
		}

		@TimeLimited(name = "top-future", timeout = "300ms", cancelRunning = "false")
		public CompletableFuture<String> future() {
			return this.middle.future();
		}

		@TimeLimited(name = "top-mono", timeout = "300ms")
		public Mono<Duration> mono() {
			return this.middle.mono();
		}

		@TimeLimited(name = "top-never", timeout = "300ms")
		public Mono<String> neverMono() {
			return this.middle.neverMono();
		}

	}

	static class Middle {

		private final Bottom bottom;

		Middle(Bottom bottom) {
			this.bottom = bottom;
		}

		@TimeLimited(name = "middle-sync", timeout = "30s", cancelRunning = "false")
		public String sync() throws InterruptedException {
			return this.bottom.sync();
		}

		@TimeLimited(name = "middle-future", timeout = "30s", cancelRunning = "false")
		public CompletableFuture<String> future() {
			return this.bottom.future();
		}

		@TimeLimited(name = "middle-mono", timeout = "30s")
		public Mono<Duration> mono() {
			return this.bottom.mono();
		}

		@TimeLimited(name = "middle-never", timeout = "30s")
		public Mono<String> neverMono() {
			return this.bottom.neverMono();
		}

	}

	static class Bottom {

		private final CountDownLatch release = new CountDownLatch(1);

		@TimeLimited(name = "bottom-sync", timeout = "30s")
		public String sync() throws InterruptedException {
			this.release.await(30, TimeUnit.SECONDS);
			return "late";
		}

		@TimeLimited(name = "bottom-future", timeout = "30s")
		public CompletableFuture<String> future() {
			return new CompletableFuture<>();
		}

		@TimeLimited(name = "bottom-mono", timeout = "30s")
		public Mono<Duration> mono() {
			return Mono.deferContextual((context) -> Mono.just(context.<Deadline>get(Deadline.CONTEXT_KEY).remaining()));
		}

		@TimeLimited(name = "bottom-never", timeout = "30s")
		public Mono<String> neverMono() {
			return Mono.never();
		}

		public void release() {
			this.release.countDown();
		}

	}

}
