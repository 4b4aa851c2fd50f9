package dev.resilience.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Annotated beans called through their proxies: each annotation, their fixed order, and the
 * precedence of properties over attributes.
 */
class AnnotatedBeanTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withUserConfiguration(Services.class);

	@Test
	void retryableMethodIsRetriedWithBackoffUntilItSucceeds() {
		this.runner.run((context) -> {
			Inventory inventory = context.getBean(Inventory.class);
			inventory.failFirst(2);
			assertThat(inventory.load("sku-1")).isEqualTo("sku-1:in-stock");
			assertThat(inventory.calls()).isEqualTo(3);
			assertThat(context.getBean(ManualClock.class).sleeps()).containsExactly(Duration.ofMillis(100),
					Duration.ofMillis(200));
		});
	}

	@Test
	void exhaustedRetriesRethrowTheLastFailureUnwrapped() {
		this.runner.run((context) -> {
			Inventory inventory = context.getBean(Inventory.class);
			inventory.failFirst(10);
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> inventory.load("sku-1"))
				.withMessage("inventory down 3");
			assertThat(inventory.calls()).isEqualTo(3);
		});
	}

	@Test
	void nonTransientFailureIsNotRetried() {
		this.runner.run((context) -> {
			Inventory inventory = context.getBean(Inventory.class);
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> inventory.load(""));
			assertThat(inventory.calls()).isEqualTo(1);
		});
	}

	@Test
	void instancePropertiesWinOverAnnotationAttributes() {
		this.runner.withPropertyValues("resilience.retry.instances.inventory.max-attempts=5").run((context) -> {
			Inventory inventory = context.getBean(Inventory.class);
			inventory.failFirst(10);
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> inventory.load("sku-1"));
			assertThat(inventory.calls()).isEqualTo(5);
		});
	}

	@Test
	void openBreakerRejectsWithoutCallingAndFallbackAnswers() {
		this.runner.run((context) -> {
			Recommendations recommendations = context.getBean(Recommendations.class);
			recommendations.broken(true);
			for (int i = 0; i < 4; i++) {
				assertThat(recommendations.forUser("ada")).containsExactly("best-seller");
			}
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("recommendations");
			assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
			int callsBefore = recommendations.calls();
			assertThat(recommendations.forUser("ada")).containsExactly("best-seller");
			assertThat(recommendations.calls()).isEqualTo(callsBefore);
			assertThat(recommendations.lastFailure()).isInstanceOf(CallNotPermittedException.class);
		});
	}

	@Test
	void breakerClosesAgainAfterWaitInOpenAndSuccessfulTrials() {
		this.runner.run((context) -> {
			Recommendations recommendations = context.getBean(Recommendations.class);
			recommendations.broken(true);
			for (int i = 0; i < 4; i++) {
				recommendations.forUser("ada");
			}
			recommendations.broken(false);
			context.getBean(ManualClock.class).advance(Duration.ofSeconds(10));
			assertThat(recommendations.forUser("ada")).containsExactly("for ada");
			assertThat(recommendations.forUser("ada")).containsExactly("for ada");
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).circuitBreaker("recommendations");
			assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void timeLimitedCallGivesControlBackAtTheTimeoutEvenWhenTheBodyIgnoresInterruption() {
		this.runner.run((context) -> {
			Clock clockService = context.getBean(Clock.class);
			long start = System.nanoTime();
			assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(clockService::stuck)
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("Clock.stuck"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			clockService.release();
		});
	}

	@Test
	void fallbackAnswersATimeout() {
		this.runner.run((context) -> {
			Clock clockService = context.getBean(Clock.class);
			assertThat(clockService.now()).isEqualTo("Time not available");
			clockService.release();
		});
	}

	@Test
	void mostSpecificFallbackOverloadIsChosen() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote("io")).isEqualTo("io");
			assertThat(quotes.quote("state")).isEqualTo("any");
		});
	}

	@Test
	void fallbackSkipOnRethrows() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> quotes.quote("unsupported"));
		});
	}

	@Test
	void classLevelAnnotationAppliesToPublicMethodsAndMethodLevelReplacesIt() {
		this.runner.run((context) -> {
			Payments payments = context.getBean(Payments.class);
			assertThatExceptionOfType(IOException.class).isThrownBy(payments::charge);
			assertThat(payments.chargeCalls()).isEqualTo(2);
			assertThatExceptionOfType(IOException.class).isThrownBy(payments::refund);
			assertThat(payments.refundCalls()).isEqualTo(4);
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			assertThat(registry.findRetry("payments")).isPresent();
			assertThat(registry.findRetry("Payments.refund")).isPresent();
		});
	}

	@Test
	void rejectedCallIsNotRetried() {
		this.runner.run((context) -> {
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			Shipping shipping = context.getBean(Shipping.class);
			registry.circuitBreaker("shipping").transitionTo(CircuitBreaker.State.FORCED_OPEN);
			assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(shipping::ship);
			assertThat(shipping.calls()).isZero();
			assertThat(registry.retry("shipping").metrics().retryAttempts()).isZero();
		});
	}

	@Test
	void timeoutOfEachAttemptIsRetried() {
		this.runner.run((context) -> {
			Shipping shipping = context.getBean(Shipping.class);
			shipping.hang();
			assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(shipping::ship);
			assertThat(shipping.calls()).isEqualTo(2);
			shipping.release();
		});
	}

	@Test
	void annotatedBeanIsProxiedAndPlainBeanIsNot() {
		this.runner.withBean(PlainService.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Inventory.class))).isTrue();
			assertThat(AopUtils.isAopProxy(context.getBean(PlainService.class))).isFalse();
		});
	}

	@Test
	void disabledStarterCreatesNoProxies() {
		this.runner.withPropertyValues("resilience.enabled=false").run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Inventory.class))).isFalse();
			assertThat(context).doesNotHaveBean(ResilienceRegistry.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		Inventory inventory() {
			return new Inventory();
		}

		@Bean
		Recommendations recommendations() {
			return new Recommendations();
		}

		@Bean
		Clock clockService() {
			return new Clock();
		}

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

		@Bean
		Payments payments() {
			return new Payments();
		}

		@Bean
		Shipping shipping() {
			return new Shipping();
		}

	}

	static class Inventory {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger failuresBeforeSuccess = new AtomicInteger();

		@Retryable(name = "inventory", maxAttempts = 3, delay = "100ms", jitter = 0)
		public String load(String sku) throws IOException {
			int call = this.calls.incrementAndGet();
			if (sku.isEmpty()) {
				throw new IllegalArgumentException("no sku");
			}
			if (call <= this.failuresBeforeSuccess.get()) {
				throw new IOException("inventory down " + call);
			}
			return sku + ":in-stock";
		}

		public int calls() {
			return this.calls.get();
		}

		public void failFirst(int failures) {
			this.failuresBeforeSuccess.set(failures);
		}

	}

	static class Recommendations {

		final AtomicInteger calls = new AtomicInteger();

		volatile boolean broken;

		volatile Throwable lastFailure;

		@CircuitGuarded(name = "recommendations", slidingWindowSize = 4, minimumCalls = 4, halfOpenCalls = 2,
				waitInOpen = "${recommendations.wait:10s}")
		@Fallback(method = "bestSellers")
		public java.util.List<String> forUser(String user) throws IOException {
			this.calls.incrementAndGet();
			if (this.broken) {
				throw new IOException("recommendations down");
			}
			return java.util.List.of("for " + user);
		}

		java.util.List<String> bestSellers(String user, Throwable failure) {
			this.lastFailure = failure;
			return java.util.List.of("best-seller");
		}

		public int calls() {
			return this.calls.get();
		}

		public void broken(boolean broken) {
			this.broken = broken;
		}

		public Throwable lastFailure() {
			return this.lastFailure;
		}

	}

	static class Clock {

		final CountDownLatch release = new CountDownLatch(1);

		@TimeLimited(timeout = "100ms", cancelRunning = "false")
		public String stuck() {
			awaitIgnoringInterrupts(this.release);
			return "late";
		}

		@TimeLimited(timeout = "100ms")
		@Fallback(method = "timeNotAvailable")
		public String now() throws InterruptedException {
			this.release.await(10, TimeUnit.SECONDS);
			return "12:00";
		}

		String timeNotAvailable() {
			return "Time not available";
		}

		public void release() {
			this.release.countDown();
		}

	}

	static class Quotes {

		@Fallback(method = "cached", skipOn = UnsupportedOperationException.class)
		public String quote(String failure) throws IOException {
			switch (failure) {
				case "state" -> throw new IllegalStateException("quotes confused");
				case "unsupported" -> throw new UnsupportedOperationException("no quotes here");
				default -> throw new IOException("quotes down");
			}
		}

		String cached(String failure, IOException ex) {
			return "io";
		}

		String cached(String failure, Throwable ex) {
			return "any";
		}

	}

	@Retryable(name = "payments", maxAttempts = 2, delay = "10ms")
	static class Payments {

		final AtomicInteger chargeCalls = new AtomicInteger();

		final AtomicInteger refundCalls = new AtomicInteger();

		public void charge() throws IOException {
			this.chargeCalls.incrementAndGet();
			throw new IOException("charge failed");
		}

		@Retryable(maxAttempts = 4)
		public void refund() throws IOException {
			this.refundCalls.incrementAndGet();
			throw new IOException("refund failed");
		}

		public int chargeCalls() {
			return this.chargeCalls.get();
		}

		public int refundCalls() {
			return this.refundCalls.get();
		}

	}

	static class Shipping {

		final AtomicInteger calls = new AtomicInteger();

		final java.util.concurrent.atomic.AtomicBoolean hang = new java.util.concurrent.atomic.AtomicBoolean();

		final CountDownLatch release = new CountDownLatch(1);

		@Retryable(name = "shipping", maxAttempts = 2, delay = "10ms")
		@CircuitGuarded(name = "shipping")
		@TimeLimited(name = "shipping", timeout = "50ms")
		public String ship() throws InterruptedException {
			this.calls.incrementAndGet();
			if (this.hang.get()) {
				this.release.await(10, TimeUnit.SECONDS);
			}
			return "shipped";
		}

		public int calls() {
			return this.calls.get();
		}

		public void hang() {
			this.hang.set(true);
		}

		public void release() {
			this.release.countDown();
		}

	}

	static class PlainService {

		public String hello() {
			return "hello";
		}

	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		boolean done = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!done && System.nanoTime() < deadline) {
			try {
				done = latch.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				// ignores interruption on purpose
			}
		}
	}

}
