package dev.resilience.test;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ResilienceListener;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link CircuitBreakerAssert}, on a breaker driven by a manual clock.
 */
class CircuitBreakerAssertTests {

	private final ManualClock clock = new ManualClock();

	private final CircuitBreaker breaker = CircuitBreaker.of("inventory",
			CircuitBreakerConfig.builder()
				.slidingWindowSize(4)
				.minimumCalls(4)
				.failureRateThreshold(50)
				.waitInOpen(Duration.ofSeconds(10))
				.halfOpenCalls(1)
				.build(),
			this.clock, new ResilienceListener() {
			});

	@Test
	void passesOnTheStateAndWindowOfTheBreaker() {
		succeed();
		fail();
		assertThat(this.breaker).isClosed().hasBufferedCalls(2).hasFailedCalls(1).hasSlowCalls(0).hasFailureRate(-1);
		succeed();
		assertThat(this.breaker).hasFailureRate(-1);
		succeed();
		assertThat(this.breaker).isClosed().hasFailureRate(25).hasFailureRateAtLeast(20).hasSlowCallRate(0);
		fail();
		assertThat(this.breaker).isOpen().hasFailureRate(50).hasNotPermittedCalls(0);
		rejected();
		assertThat(this.breaker).hasNotPermittedCalls(1);
		this.clock.advance(Duration.ofSeconds(10));
		this.breaker.acquirePermit();
		assertThat(this.breaker).isHalfOpen();
		this.breaker.transitionTo(State.FORCED_OPEN);
		assertThat(this.breaker).isForcedOpen().hasState(State.FORCED_OPEN);
		this.breaker.transitionTo(State.DISABLED);
		assertThat(this.breaker).isDisabled();
	}

	@Test
	void wrongStateFailsNamingTheBreakerTheStatesAndTheWindow() {
		fail();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.breaker).isOpen())
			.withMessageContaining("Expecting circuit breaker 'inventory' to be OPEN but was CLOSED")
			.withMessageContaining("failure rate -1 (too few calls)")
			.withMessageContaining("1 buffered calls, 1 failed");
	}

	@Test
	void wrongCountFailsWithTheExpectedAndTheActualValue() {
		succeed();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.breaker).hasBufferedCalls(3))
			.withMessageContaining("Expecting circuit breaker 'inventory' to have 3 buffered calls but had 1");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.breaker).hasFailedCalls(1))
			.withMessageContaining("to have 1 failed calls but had 0");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.breaker).hasNotPermittedCalls(2))
			.withMessageContaining("to have 2 not permitted calls but had 0");
	}

	@Test
	void wrongRateFailsWithBothRates() {
		for (int i = 0; i < 3; i++) {
			succeed();
		}
		fail();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.breaker).hasFailureRate(50))
			.withMessageContaining("to have a failure rate of 50.00% but had 25.00%");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.breaker).hasFailureRateAtLeast(30))
			.withMessageContaining("to have a failure rate of at least 30.00% but had 25.00%");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.breaker).hasSlowCallRate(10))
			.withMessageContaining("to have a slow-call rate of 10.00% but had 0.00%");
	}

	@Test
	void nullBreakerFails() {
		CircuitBreaker none = null;
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(none).isClosed())
			.withMessageContaining("Expecting actual not to be null");
	}

	@Test
	void aNameWithAPercentSignIsShownAsIs() {
		CircuitBreaker breaker = CircuitBreaker.of("100%", CircuitBreakerConfig.defaults(), this.clock,
				new ResilienceListener() {
				});
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(breaker).isOpen())
			.withMessageContaining("circuit breaker '100%' to be OPEN");
	}

	private void succeed() {
		this.breaker.acquirePermit().onSuccess(1);
	}

	private void fail() {
		this.breaker.acquirePermit().onError(1, new IOException());
	}

	private void rejected() {
		try {
			this.breaker.acquirePermit();
		}
		catch (RuntimeException expected) {
			// counted as not permitted
		}
	}

}
