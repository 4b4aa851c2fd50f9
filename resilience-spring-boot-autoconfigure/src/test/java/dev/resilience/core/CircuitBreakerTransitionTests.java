package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.Permit;
import dev.resilience.core.CircuitBreaker.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the transitions between states: operator transitions, fresh windows, stale permits and
 * the events.
 */
class CircuitBreakerTransitionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerRecordingListener listener = new CircuitBreakerRecordingListener();

	private final CircuitBreaker breaker = CircuitBreaker.of("inventory",
			CircuitBreakerConfig.builder()
				.slidingWindowSize(4)
				.minimumCalls(2)
				.failureRateThreshold(50)
				.waitInOpen(WAIT)
				.halfOpenCalls(2)
				.build(),
			this.clock, this.listener);

	@Test
	void exposesItsNameAndSettings() {
		assertThat(this.breaker.name()).isEqualTo("inventory");
		assertThat(this.breaker.config().halfOpenCalls()).isEqualTo(2);
		assertThat(this.breaker).hasToString("CircuitBreaker 'inventory' CLOSED");
	}

	@Test
	void reportsEachTransitionOnceWithItsStates() {
		fail();
		fail();
		this.clock.advance(WAIT);
		Permit first = this.breaker.acquirePermit();
		Permit second = this.breaker.acquirePermit();
		first.onSuccess(1);
		second.onSuccess(1);
		fail();
		fail();
		this.breaker.transitionTo(State.FORCED_OPEN);
		this.breaker.transitionTo(State.DISABLED);
		this.breaker.transitionTo(State.CLOSED);
		assertThat(this.listener.transitionNames()).containsExactly("CLOSED -> OPEN", "OPEN -> HALF_OPEN",
				"HALF_OPEN -> CLOSED", "CLOSED -> OPEN", "OPEN -> FORCED_OPEN", "FORCED_OPEN -> DISABLED",
				"DISABLED -> CLOSED");
		assertThat(this.listener.transitions()).extracting(CircuitBreakerRecordingListener.Transition::reason)
			.containsExactly("failure rate 100.0% >= 50.0%", "wait-in-open 30s elapsed", "2 trial calls succeeded",
					"failure rate 100.0% >= 50.0%", "forced by operator", "forced by operator", "forced by operator");
	}

	@Test
	void dropsOutcomesOfPermitsFromAnEarlierState() {
		Permit slow = this.breaker.acquirePermit();
		fail();
		fail();
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		this.clock.advance(WAIT);
		this.breaker.acquirePermit();
		slow.onError(1, new IOException());
		assertThat(this.breaker.state()).isEqualTo(State.HALF_OPEN);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
	}

	@Test
	void dropsOutcomesOfPermitsFromBeforeAReset() {
		Permit before = this.breaker.acquirePermit();
		fail();
		this.breaker.transitionTo(State.CLOSED);
		before.onError(1, new IOException());
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		fail();
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.listener.transitionNames()).containsExactly("CLOSED -> CLOSED");
	}

	@Test
	void doesNotCountAReleasedPermit() {
		this.breaker.acquirePermit().release();
		assertThat(this.breaker.metrics().bufferedCalls()).isZero();
		assertThat(this.listener.events()).isEmpty();
	}

	@Test
	void operatorCanOpenAndWaitInOpenStartsThen() {
		this.clock.advance(Duration.ofMinutes(5));
		this.breaker.transitionTo(State.OPEN);
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 1));
		this.clock.advance(WAIT);
		assertThat(Permits.tryAcquire(this.breaker)).isNotNull();
		assertThat(this.breaker.state()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void transitionDoesNotDependOnTheListener() {
		AtomicReference<State> seen = new AtomicReference<>();
		CircuitBreaker breaker = CircuitBreaker.of("inventory", CircuitBreakerConfig.defaults(), this.clock,
				new ResilienceListener() {

					@Override
					public void onStateTransition(String name, State from, State to, String reason) {
						seen.set(to);
						throw new IllegalStateException("listener failed");
					}

				});
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> breaker.transitionTo(State.FORCED_OPEN));
		assertThat(seen).hasValue(State.FORCED_OPEN);
		assertThat(breaker.state()).isEqualTo(State.FORCED_OPEN);
	}

	private void fail() {
		this.breaker.acquirePermit().onError(1, new IOException());
	}

}
