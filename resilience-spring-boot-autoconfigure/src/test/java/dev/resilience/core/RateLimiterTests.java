package dev.resilience.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RollingWindowRateLimiter}: the shared behaviour of {@link RateLimiterContract},
 * and what a monotonic clock in nanoseconds brings, readings that are negative or wrap around.
 */
class RateLimiterTests extends RateLimiterContract {

	@Override
	protected RateLimiter newLimiter(String name, RateLimiterConfig config, Clock clock, Sleeper sleeper,
			ResilienceListener listener) {
		return RateLimiter.of(name, config, clock, sleeper, listener);
	}

	@Test
	void periodAndWaitTooLongForNanosecondsDoNotOverflow() {
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		RateLimiter limiter = limiter(1, forever, forever);
		assertThat(limiter.reserve(null)).isZero();
		long wait = limiter.reserve(null);
		assertThat(wait).isEqualTo(RollingWindowRateLimiter.MAX_NANOS);
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		assertThat(limiter.available()).isZero();
	}

	@Test
	void clockReadingsMayBeNegative() {
		this.clock.advance(Duration.ofNanos(-Long.MAX_VALUE));
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ZERO);
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, REFUSED);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, REFUSED);
	}

	@Test
	void clockReadingsMayWrapAround() {
		this.clock.advance(Duration.ofNanos(Long.MAX_VALUE - Duration.ofMillis(500).toNanos()));
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ZERO);
		assertThat(reserve(limiter, 2)).containsExactly(0L, 0L);
		this.clock.advance(Duration.ofMillis(600));
		assertThat(this.clock.nanoTime()).isNegative();
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		assertThat(limiter.available()).isZero();
		this.clock.advance(Duration.ofMillis(400));
		assertThat(limiter.available()).isEqualTo(2);
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, REFUSED);
	}

}
