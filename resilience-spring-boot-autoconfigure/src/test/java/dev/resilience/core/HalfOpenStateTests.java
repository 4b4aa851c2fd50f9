package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.Permit;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ResilienceListener.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the half-open state: exactly {@code half-open-calls} trials, and how their outcomes
 * close or reopen the breaker.
 */
class HalfOpenStateTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerRecordingListener listener = new CircuitBreakerRecordingListener();

	private final CircuitBreaker breaker = CircuitBreaker.of("inventory",
			CircuitBreakerConfig.builder()
				.slidingWindowSize(4)
				.minimumCalls(4)
				.failureRateThreshold(75)
				.waitInOpen(WAIT)
				.halfOpenCalls(3)
				.slowCallDuration(Duration.ofSeconds(1))
				.ignore(List.of(IllegalStateException.class))
				.build(),
			this.clock, this.listener);

	@BeforeEach
	void halfOpen() {
		this.breaker.transitionTo(State.OPEN);
		this.clock.advance(WAIT);
	}

	@Test
	void handsOutExactlyTheTrialPermits() {
		List<Permit> trials = acquire(3);
		assertThat(trials).doesNotContainNull();
		assertThat(this.breaker.state()).isEqualTo(State.HALF_OPEN);
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		assertThat(this.breaker.metrics().notPermittedCalls()).isEqualTo(2);
		assertThat(this.listener.calls(CallOutcome.REJECTED)).isEqualTo(2);
	}

	@Test
	void closesAfterAllTrialsSucceeded() {
		List<Permit> trials = acquire(3);
		trials.get(0).onSuccess(1);
		trials.get(1).onSuccess(1);
		assertThat(this.breaker.state()).isEqualTo(State.HALF_OPEN);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 2, 0, 0, 0));
		trials.get(2).onSuccess(1);
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		assertThat(this.listener.transitions()).last().satisfies((transition) -> {
			assertThat(transition.from()).isEqualTo(State.HALF_OPEN);
			assertThat(transition.to()).isEqualTo(State.CLOSED);
			assertThat(transition.reason()).isEqualTo("3 trial calls succeeded");
		});
	}

	@Test
	void doesNotReturnPermitsOfFinishedTrials() {
		List<Permit> trials = acquire(3);
		trials.get(0).onSuccess(1);
		trials.get(1).onSuccess(1);
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
	}

	@Test
	void reopensAtTheFirstFailedTrial() {
		List<Permit> trials = acquire(3);
		trials.get(0).onSuccess(1);
		trials.get(1).onError(1, new IOException());
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		assertThat(this.listener.transitions()).last()
			.satisfies((transition) -> assertThat(transition.reason()).isEqualTo("trial call failed"));
		// The wait starts again; the last trial's outcome no longer counts.
		trials.get(2).onSuccess(1);
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		this.clock.advance(WAIT.minusNanos(1));
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		this.clock.advance(Duration.ofNanos(1));
		assertThat(Permits.tryAcquire(this.breaker)).isNotNull();
		assertThat(this.listener.transitionNames()).containsExactly("CLOSED -> OPEN", "OPEN -> HALF_OPEN",
				"HALF_OPEN -> OPEN", "OPEN -> HALF_OPEN");
	}

	@Test
	void reopensAtTheFirstSlowTrial() {
		List<Permit> trials = acquire(3);
		trials.get(0).onSuccess(Duration.ofSeconds(1).toNanos());
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		assertThat(this.listener.transitions()).last()
			.satisfies((transition) -> assertThat(transition.reason()).isEqualTo("trial call took at least 1s"));
	}

	@Test
	void ignoredTrialGivesItsPermitBack() {
		List<Permit> trials = acquire(3);
		trials.get(0).onError(1, new IllegalStateException("ignored"));
		assertThat(this.listener.calls(CallOutcome.IGNORED)).isEqualTo(1);
		Permit again = Permits.tryAcquire(this.breaker);
		assertThat(again).isNotNull();
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		trials.get(1).onSuccess(1);
		trials.get(2).onSuccess(1);
		assertThat(this.breaker.state()).isEqualTo(State.HALF_OPEN);
		again.onSuccess(1);
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
	}

	@Test
	void releasedTrialGivesItsPermitBackAndRecordsNothing() {
		List<Permit> trials = acquire(3);
		trials.get(0).release();
		assertThat(this.breaker.metrics().bufferedCalls()).isZero();
		assertThat(Permits.tryAcquire(this.breaker)).isNotNull();
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
	}

	@Test
	void neverHandsOutMoreThanTheTrialPermitsWhenReleasedTooOften() {
		Permit trial = this.breaker.acquirePermit();
		trial.release();
		trial.release();
		trial.release();
		assertThat(acquire(3)).doesNotContainNull();
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
	}

	private List<Permit> acquire(int count) {
		List<Permit> permits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			permits.add(Permits.tryAcquire(this.breaker));
		}
		return permits;
	}

}
