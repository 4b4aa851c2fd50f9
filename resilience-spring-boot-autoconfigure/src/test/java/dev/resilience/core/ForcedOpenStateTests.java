package dev.resilience.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ResilienceListener.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the forced-open state an operator chooses.
 */
class ForcedOpenStateTests {

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerRecordingListener listener = new CircuitBreakerRecordingListener();

	private final CircuitBreaker breaker = CircuitBreaker.of("inventory", CircuitBreakerConfig.defaults(), this.clock,
			this.listener);

	@Test
	void rejectsEveryCallWhateverTheTime() {
		this.breaker.transitionTo(State.FORCED_OPEN);
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(this.breaker::acquirePermit)
			.withMessage("Circuit breaker 'inventory' is FORCED_OPEN and does not permit further calls");
		this.clock.advance(Duration.ofDays(1));
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		assertThat(this.breaker.state()).isEqualTo(State.FORCED_OPEN);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 2));
		assertThat(this.listener.calls(CallOutcome.REJECTED)).isEqualTo(2);
	}

	@Test
	void reportsTheOperatorsTransition() {
		this.breaker.transitionTo(State.FORCED_OPEN);
		assertThat(this.listener.transitions()).singleElement().satisfies((transition) -> {
			assertThat(transition.from()).isEqualTo(State.CLOSED);
			assertThat(transition.to()).isEqualTo(State.FORCED_OPEN);
			assertThat(transition.reason()).isEqualTo("forced by operator");
		});
	}

	@Test
	void closesWhenTheOperatorSaysSo() {
		this.breaker.transitionTo(State.FORCED_OPEN);
		Permits.tryAcquire(this.breaker);
		this.breaker.transitionTo(State.CLOSED);
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		assertThat(Permits.tryAcquire(this.breaker)).isNotNull();
	}

}
