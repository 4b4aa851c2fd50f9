package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ResilienceListener.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the open state: rejections, and the lazy move to half-open after {@code wait-in-open}.
 */
class OpenStateTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerRecordingListener listener = new CircuitBreakerRecordingListener();

	private final CircuitBreaker breaker = CircuitBreaker.of("inventory",
			CircuitBreakerConfig.builder().slidingWindowSize(4).minimumCalls(4).failureRateThreshold(50).waitInOpen(WAIT)
				.build(),
			this.clock, this.listener);

	@BeforeEach
	void open() {
		this.breaker.acquirePermit().onSuccess(1);
		this.breaker.acquirePermit().onSuccess(1);
		this.breaker.acquirePermit().onError(1, new IOException());
		this.breaker.acquirePermit().onError(1, new IOException());
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
	}

	@Test
	void rejectsCallsAndCountsThem() {
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(this.breaker::acquirePermit)
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("inventory");
				assertThat(ex).hasMessage("Circuit breaker 'inventory' is OPEN and does not permit further calls");
				assertThat(ex.getStackTrace()).isEmpty();
			});
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		assertThat(this.breaker.metrics().notPermittedCalls()).isEqualTo(2);
		assertThat(this.listener.calls(CallOutcome.REJECTED)).isEqualTo(2);
		assertThat(this.listener.events()).endsWith("REJECTED 0", "REJECTED 0");
	}

	@Test
	void executeDoesNotRunTheCall() {
		AtomicBoolean ran = new AtomicBoolean();
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> this.breaker.execute(() -> {
			ran.set(true);
			return "done";
		}));
		assertThat(ran).isFalse();
	}

	@Test
	void showsTheWindowThatOpenedItAndTheRejectedCalls() {
		Permits.tryAcquire(this.breaker);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(50, 0, 4, 2, 0, 1));
	}

	@Test
	void staysOpenUntilWaitInOpenHasPassed() {
		this.clock.advance(WAIT.minusNanos(1));
		assertThat(Permits.tryAcquire(this.breaker)).isNull();
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		this.clock.advance(Duration.ofNanos(1));
		assertThat(Permits.tryAcquire(this.breaker)).isNotNull();
		assertThat(this.breaker.state()).isEqualTo(State.HALF_OPEN);
		assertThat(this.listener.transitions()).hasSize(2).last().satisfies((transition) -> {
			assertThat(transition.from()).isEqualTo(State.OPEN);
			assertThat(transition.to()).isEqualTo(State.HALF_OPEN);
			assertThat(transition.reason()).isEqualTo("wait-in-open 30s elapsed");
		});
	}

	@Test
	void reportsOpenAfterTheWaitUntilAPermitIsRequested() {
		this.clock.advance(WAIT.plusSeconds(60));
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		assertThat(this.listener.transitionNames()).containsExactly("CLOSED -> OPEN");
		this.breaker.acquirePermit();
		assertThat(this.breaker.state()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void startsAFreshCountOfRejectionsInHalfOpen() {
		Permits.tryAcquire(this.breaker);
		this.clock.advance(WAIT);
		this.breaker.acquirePermit();
		assertThat(this.breaker.metrics().notPermittedCalls()).isZero();
	}

}
