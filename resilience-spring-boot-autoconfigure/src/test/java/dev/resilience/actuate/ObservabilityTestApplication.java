package dev.resilience.actuate;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.core.ManualClock;

/**
 * A small web application with annotated services, whose endpoints, health and meters the
 * integration tests read over HTTP. Time comes from a {@link ManualClock}, so retries do not
 * wait.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ObservabilityTestApplication {

	@Bean
	ManualClock manualClock() {
		return new ManualClock();
	}

	@Bean
	Inventory inventory() {
		return new Inventory();
	}

	@Bean
	Catalog catalog() {
		return new Catalog();
	}

	@Bean
	Payments payments() {
		return new Payments();
	}

	@Bean
	Pricing pricing() {
		return new Pricing();
	}

	@Bean
	Quotes quotes() {
		return new Quotes();
	}

	/**
	 * Retried, guarded by a breaker that decides after four calls, answered by a fallback; its
	 * failures carry a secret in their message.
	 */
	public static class Inventory {

		private final AtomicInteger failures = new AtomicInteger();

		@Retryable(name = "inventory", maxAttempts = 3, delay = "100ms", jitter = 0)
		@CircuitGuarded(name = "inventory", slidingWindowSize = 4, minimumCalls = 4, waitInOpen = "1m")
		@Fallback(method = "fromCache")
		public String load(String sku) throws IOException {
			if (this.failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				throw new IOException("connection to db failed, password=hunter2");
			}
			return sku + ":in-stock";
		}

		String fromCache(String sku, Throwable failure) {
			return sku + ":cached";
		}

		public void failNext(int calls) {
			this.failures.set(calls);
		}

	}

	/**
	 * Always fails with a secret in the message, through every policy.
	 */
	public static class Catalog {

		@Retryable(name = "catalog", maxAttempts = 2, delay = "10ms")
		@CircuitGuarded(name = "catalog", slidingWindowSize = 2, minimumCalls = 2)
		@TimeLimited(name = "catalog", timeout = "5s")
		@Fallback(method = "empty")
		public String load(String sku) throws IOException {
			throw new IOException("connection to db failed, password=hunter2");
		}

		String empty(String sku) {
			return "";
		}

	}

	/**
	 * Guarded by a breaker configured to fail health when open.
	 */
	public static class Payments {

		@CircuitGuarded(name = "payments")
		public String pay() {
			return "paid";
		}

	}

	/**
	 * Time-limited.
	 */
	public static class Pricing {

		@TimeLimited(name = "pricing", timeout = "5s")
		public String price() {
			return "9.99";
		}

	}

	/**
	 * Retried, and never called by the tests: its meters must show zero.
	 */
	public static class Quotes {

		@Retryable(name = "quotes")
		public String quote() {
			return "quote";
		}

	}

}
