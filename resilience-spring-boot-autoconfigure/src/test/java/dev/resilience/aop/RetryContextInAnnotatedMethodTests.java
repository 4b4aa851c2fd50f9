package dev.resilience.aop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.ManualClock;
import dev.resilience.core.RetryContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside an annotated retrying call, {@link RetryContext#current()} tells the attempt and one
 * idempotency key shared by all attempts; a nested retrying call has its own and hands the outer
 * one back when it ends.
 */
class RetryContextInAnnotatedMethodTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withUserConfiguration(Config.class);

	@Test
	void attemptsShareOneKeyAndCountUp() {
		this.runner.run((context) -> {
			Outer outer = context.getBean(Outer.class);
			outer.call();
			assertThat(outer.seen()).extracting(Seen::attempt).containsExactly(1, 2, 3);
			assertThat(outer.seen()).extracting(Seen::key).containsOnly(outer.seen().get(0).key());
			assertThat(RetryContext.current()).isNull();
		});
	}

	@Test
	void nestedCallHasItsOwnContextAndHandsTheOuterOneBack() {
		this.runner.run((context) -> {
			Outer outer = context.getBean(Outer.class);
			outer.callWithNested();
			Inner inner = context.getBean(Inner.class);
			assertThat(inner.seen()).extracting(Seen::attempt).containsExactly(1, 2);
			assertThat(inner.seen().get(0).key()).isNotEqualTo(outer.afterNested().key());
			assertThat(outer.beforeNested()).isEqualTo(outer.afterNested());
		});
	}

	record Seen(int attempt, String key) {

		static Seen now() {
			RetryContext context = RetryContext.current();
			return new Seen(context.attempt(), context.idempotencyKey());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		Inner inner() {
			return new Inner();
		}

		@Bean
		Outer outer(Inner inner) {
			return new Outer(inner);
		}

	}

	static class Outer {

		final List<Seen> seen = new ArrayList<>();

		private final Inner inner;

		Seen beforeNested;

		Seen afterNested;

		Outer(Inner inner) {
			this.inner = inner;
		}

		public List<Seen> seen() {
			return this.seen;
		}

		public Seen beforeNested() {
			return this.beforeNested;
		}

		public Seen afterNested() {
			return this.afterNested;
		}

		@Retryable(name = "outer", maxAttempts = 3, delay = "1ms")
		public void call() throws IOException {
			this.seen.add(Seen.now());
			if (this.seen.size() < 3) {
				throw new IOException("again");
			}
		}

		@Retryable(name = "outer-nested", maxAttempts = 2, delay = "1ms")
		public void callWithNested() throws IOException {
			this.beforeNested = Seen.now();
			this.inner.call();
			this.afterNested = Seen.now();
		}

	}

	static class Inner {

		final List<Seen> seen = new ArrayList<>();

		public List<Seen> seen() {
			return this.seen;
		}

		@Retryable(name = "inner", maxAttempts = 2, delay = "1ms")
		public void call() throws IOException {
			this.seen.add(Seen.now());
			if (this.seen.size() < 2) {
				throw new IOException("again");
			}
		}

	}

}
