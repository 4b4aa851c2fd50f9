package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the time-based window, on its own and in a breaker.
 */
class TimeBasedWindowTests {

	private final ManualClock clock = new ManualClock();

	private final TimeBasedWindow window = new TimeBasedWindow(10, 3, this.clock);

	@Test
	void keepsTheCallsOfTheLastSeconds() {
		this.window.record(true, false);
		this.clock.advance(Duration.ofMillis(4500));
		this.window.record(false, true);
		this.clock.advance(Duration.ofMillis(4000));
		this.window.record(false, false);
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(100 / 3f, 100 / 3f, 3, 1, 1, 0));
		// Second 0 leaves the window at second 10.
		this.clock.advance(Duration.ofMillis(1499));
		assertThat(this.window.metrics(0).bufferedCalls()).isEqualTo(3);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(-1, -1, 2, 0, 1, 0));
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(-1, -1, 1, 0, 0, 0));
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
	}

	@Test
	void emptiesEveryBucketAfterALongPause() {
		for (int i = 0; i < 10; i++) {
			this.window.record(true, true);
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(this.window.metrics(0).bufferedCalls()).isEqualTo(9);
		this.clock.advance(Duration.ofDays(3));
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		long rates = this.window.record(false, false);
		assertThat(CircuitBreakerWindow.failureRate(rates)).isEqualTo(-1);
		assertThat(this.window.metrics(0).bufferedCalls()).isEqualTo(1);
	}

	@Test
	void countsManyCallsOfTheSameSecondInOneBucket() {
		for (int i = 0; i < 1000; i++) {
			this.window.record(i < 250, false);
		}
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(25, 0, 1000, 250, 0, 0));
	}

	@Test
	void worksWithNegativeMonotonicTime() {
		this.clock.advance(Duration.ofSeconds(-100).plusMillis(500));
		TimeBasedWindow window = new TimeBasedWindow(2, 1, this.clock);
		window.record(true, false);
		this.clock.advance(Duration.ofSeconds(1));
		window.record(false, false);
		assertThat(window.metrics(0).bufferedCalls()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(window.metrics(0)).isEqualTo(new Metrics(0, 0, 1, 0, 0, 0));
	}

	@Test
	void breakerForgetsOldFailuresAndNoLongerOpens() {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder()
					.slidingWindowType(SlidingWindowType.TIME_BASED)
					.slidingWindowSize(5)
					.minimumCalls(4)
					.failureRateThreshold(50)
					.build(),
				this.clock, new CircuitBreakerRecordingListener());
		for (int i = 0; i < 3; i++) {
			breaker.acquirePermit().onError(1, new IOException());
		}
		assertThat(breaker.metrics()).isEqualTo(new Metrics(-1, -1, 3, 3, 0, 0));
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(breaker.metrics().bufferedCalls()).isZero();
		breaker.acquirePermit().onError(1, new IOException());
		breaker.acquirePermit().onSuccess(1);
		breaker.acquirePermit().onSuccess(1);
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
		breaker.acquirePermit().onSuccess(1);
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
		assertThat(breaker.metrics()).isEqualTo(new Metrics(25, 0, 4, 1, 0, 0));
		breaker.acquirePermit().onError(1, new IOException());
		breaker.acquirePermit().onError(1, new IOException());
		assertThat(breaker.state()).isEqualTo(State.OPEN);
	}

	@Test
	void breakerUsesMinimumCallsEvenWhenLargerThanTheWindowSize() {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder()
					.slidingWindowType(SlidingWindowType.TIME_BASED)
					.slidingWindowSize(2)
					.minimumCalls(5)
					.build(),
				this.clock, new CircuitBreakerRecordingListener());
		for (int i = 0; i < 4; i++) {
			breaker.acquirePermit().onError(1, new IOException());
		}
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
		breaker.acquirePermit().onError(1, new IOException());
		assertThat(breaker.state()).isEqualTo(State.OPEN);
	}

}
