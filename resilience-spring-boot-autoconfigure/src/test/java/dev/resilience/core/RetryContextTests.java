package dev.resilience.core;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryContext}.
 */
class RetryContextTests {

	@Test
	void noContextOutsideARetryingCall() {
		assertThat(RetryContext.current()).isNull();
	}

	@Test
	void enteredContextIsCurrentUntilRestored() {
		Call outer = new Call();
		RetryContext previous = RetryContext.enter(outer);
		try {
			assertThat(RetryContext.current()).isSameAs(outer);
			Call inner = new Call();
			RetryContext beforeInner = RetryContext.enter(inner);
			assertThat(RetryContext.current()).isSameAs(inner);
			RetryContext.restore(beforeInner);
			assertThat(RetryContext.current()).isSameAs(outer);
		}
		finally {
			RetryContext.restore(previous);
		}
		assertThat(RetryContext.current()).isNull();
	}

	@Test
	void idempotencyKeyIsARandomUuidKeptForEveryAttempt() {
		Call call = new Call();
		String key = call.idempotencyKey();
		call.attempt = 2;
		assertThat(call.idempotencyKey()).isSameAs(key);
		UUID uuid = UUID.fromString(key);
		assertThat(uuid.version()).isEqualTo(4);
		assertThat(uuid.variant()).isEqualTo(2);
		assertThat(new Call().idempotencyKey()).isNotEqualTo(key);
	}

	static final class Call extends RetryContext {

		int attempt = 1;

		@Override
		public int attempt() {
			return this.attempt;
		}

	}

}
