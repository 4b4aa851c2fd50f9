package dev.resilience.aop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.Clock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Sleeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Three layers that each retry 4 times over a dependency that is down: without budgets one click
 * makes 4^3 = 64 calls at the bottom; with the default budgets a burst of clicks is held to the
 * budgets' bound.
 */
class StormProtectionTests {

	private static final int CLICKS = 50;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(Layers.class)
		.withBean(Clock.class, FrozenClock::new)
		.withBean(Sleeper.class, () -> (nanos) -> {
		});

	@Test
	void withoutBudgetsOneClickMakesSixtyFourCallsAtTheBottom() {
		this.runner.withPropertyValues("resilience.retry.defaults.budget.enabled=false").run((context) -> {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> context.getBean(Top.class).click());
			assertThat(context.getBean(Bottom.class).calls()).isEqualTo(64);
		});
	}

	@Test
	void withoutBudgetsABurstOfClicksMultipliesEveryClickBySixtyFour() {
		this.runner.withPropertyValues("resilience.retry.defaults.budget.enabled=false")
			.run((context) -> {
				burst(context.getBean(Top.class));
				assertThat(context.getBean(Bottom.class).calls()).isEqualTo(64 * CLICKS);
			});
	}

	@Test
	void withBudgetsABurstOfClicksIsHeldToTheBound() {
		this.runner.run((context) -> {
			burst(context.getBean(Top.class));
			// per layer: retries <= 10/s x 10 s + 0.2 x first attempts, and each layer's attempts are
			// the first attempts of the layer below: 50 -> at most 160 -> at most 292 -> at most 450
			int bound = layerBound(layerBound(layerBound(CLICKS)));
			assertThat(bound).isEqualTo(450);
			assertThat(context.getBean(Bottom.class).calls()).isLessThanOrEqualTo(bound);
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			assertThat(registry.retry("bottom").metrics().budgetExhausted()).isPositive();
		});
	}

	private static int layerBound(int firstAttempts) {
		int retries = Math.min(3 * firstAttempts, (int) (100 + 0.2 * firstAttempts));
		return firstAttempts + retries;
	}

	private static void burst(Top top) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> clicks = new ArrayList<>();
			for (int i = 0; i < CLICKS; i++) {
				clicks.add(pool.submit(() -> {
					start.await();
					try {
						top.click();
					}
					catch (IOException expected) {
						// the dependency is down
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> click : clicks) {
				click.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
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

		@Retryable(name = "top", maxAttempts = 4)
		public String click() throws IOException {
			return this.middle.load();
		}

	}

	static class Middle {

		private final Bottom bottom;

		Middle(Bottom bottom) {
			this.bottom = bottom;
		}

		@Retryable(name = "middle", maxAttempts = 4)
		public String load() throws IOException {
			return this.bottom.query();
		}

	}

	static class Bottom {

		private final AtomicInteger calls = new AtomicInteger();

		@Retryable(name = "bottom", maxAttempts = 4)
		public String query() throws IOException {
			this.calls.incrementAndGet();
			throw new IOException("database down");
		}

		public int calls() {
			return this.calls.get();
		}

	}

	/** Time stands still, so that the whole burst falls into one budget window. */
	static final class FrozenClock implements Clock {

		@Override
		public long nanoTime() {
			return 0;
		}

		@Override
		public long currentTimeMillis() {
			return 1_700_000_000_000L;
		}

	}

}
