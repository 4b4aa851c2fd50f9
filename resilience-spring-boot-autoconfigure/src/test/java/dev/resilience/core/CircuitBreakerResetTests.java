package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.Permit;
import dev.resilience.core.CircuitBreaker.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CircuitBreaker#reset()}: a fresh closed state from any state, reported only when
 * the state changes, permits of before the reset dropped, and many threads resetting at once.
 */
class CircuitBreakerResetTests {

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
	void resetOfAnOpenBreakerClosesItWithAnEmptyWindowAndReportsTheTransition() {
		fail();
		fail();
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(100, 0, 2, 2, 0, 1));
		this.breaker.reset();
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		assertThat(this.listener.transitions()).last()
			.isEqualTo(new CircuitBreakerRecordingListener.Transition("inventory", State.OPEN, State.CLOSED, "reset"));
	}

	@Test
	void resetBreakerNeedsAFullMinimumOfCallsToOpenAgain() {
		fail();
		this.breaker.reset();
		fail();
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		fail();
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
	}

	@Test
	void resetOfAClosedBreakerEmptiesItsWindowAndReportsNothing() {
		this.breaker.acquirePermit().onSuccess(1);
		this.breaker.acquirePermit().onSuccess(1);
		assertThat(this.breaker.metrics().bufferedCalls()).isEqualTo(2);
		this.breaker.reset();
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		assertThat(this.listener.transitions()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "HALF_OPEN", "FORCED_OPEN", "DISABLED" })
	void resetClosesTheBreakerFromAnyState(State state) {
		this.breaker.transitionTo(state);
		this.breaker.reset();
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.listener.transitionNames()).containsExactly("CLOSED -> " + state, state + " -> CLOSED");
	}

	@Test
	void outcomesOfPermitsIssuedBeforeTheResetAreDropped() {
		Permit before = this.breaker.acquirePermit();
		this.breaker.reset();
		before.onError(1, new IOException());
		assertThat(this.breaker.metrics().bufferedCalls()).isZero();
	}

	@Test
	void manyThreadsResettingAnOpenBreakerReportTheTransitionOnce() throws Exception {
		fail();
		fail();
		AtomicInteger resets = new AtomicInteger();
		Together.run(32, () -> {
			this.breaker.reset();
			resets.incrementAndGet();
		});
		assertThat(resets).hasValue(32);
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.listener.transitionNames()).containsExactly("CLOSED -> OPEN", "OPEN -> CLOSED");
	}

	@Test
	void resetsRacingWithFailuresLeaveABreakerThatCountsFromTheLastReset() throws Exception {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder().slidingWindowSize(100).minimumCalls(100).build(), this.clock,
				this.listener);
		Together.run(16, () -> {
			for (int i = 0; i < 1_000; i++) {
				if (i % 100 == 0) {
					breaker.reset();
				}
				else {
					breaker.acquirePermit().onSuccess(1);
				}
			}
		});
		breaker.reset();
		assertThat(breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		for (int i = 0; i < 99; i++) {
			breaker.acquirePermit().onError(1, new IOException());
		}
		assertThat(breaker.metrics().bufferedCalls()).isEqualTo(99);
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
	}

	private void fail() {
		this.breaker.acquirePermit().onError(1, new IOException());
	}

}
