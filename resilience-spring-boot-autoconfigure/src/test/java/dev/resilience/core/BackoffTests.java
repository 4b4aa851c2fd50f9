package dev.resilience.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Backoff}.
 */
class BackoffTests {

	private static final long MILLIS = 1_000_000L;

	@Test
	void delayGrowsByTheMultiplierAfterEachFailedAttempt() {
		Backoff backoff = new Backoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(10), 0.0);
		assertThat(backoff.delayNanos(1)).isEqualTo(500 * MILLIS);
		assertThat(backoff.delayNanos(2)).isEqualTo(1000 * MILLIS);
		assertThat(backoff.delayNanos(3)).isEqualTo(2000 * MILLIS);
		assertThat(backoff.delayNanos(4)).isEqualTo(4000 * MILLIS);
	}

	@Test
	void delayIsCappedAtMaxDelay() {
		Backoff backoff = new Backoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(3), 0.0);
		assertThat(backoff.delayNanos(3)).isEqualTo(2000 * MILLIS);
		assertThat(backoff.delayNanos(4)).isEqualTo(3000 * MILLIS);
		assertThat(backoff.delayNanos(60)).isEqualTo(3000 * MILLIS);
		assertThat(backoff.delayNanos(Integer.MAX_VALUE)).isEqualTo(3000 * MILLIS);
	}

	@Test
	void multiplierOfOneGivesAConstantDelay() {
		Backoff backoff = new Backoff(Duration.ofMillis(200), 1.0, Duration.ofSeconds(10), 0.0);
		assertThat(backoff.delayNanos(1)).isEqualTo(200 * MILLIS);
		assertThat(backoff.delayNanos(7)).isEqualTo(200 * MILLIS);
	}

	@Test
	void jitterSpreadsTheDelayBetweenItsBounds() {
		Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.5);
		assertThat(backoff.delayNanos(1, 0.0)).isEqualTo(500 * MILLIS);
		assertThat(backoff.delayNanos(1, 0.5)).isEqualTo(1000 * MILLIS);
		assertThat(backoff.delayNanos(1, 1.0)).isEqualTo(1500 * MILLIS);
	}

	@Test
	void jitteredDelaysStayWithinTheirBounds() {
		Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.5);
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (int i = 0; i < 10_000; i++) {
			long delay = backoff.delayNanos(2);
			assertThat(delay).isBetween(1000 * MILLIS, 3000 * MILLIS);
			min = Math.min(min, delay);
			max = Math.max(max, delay);
		}
		// the draws spread over the range rather than sticking to one value
		assertThat(min).isLessThan(1200 * MILLIS);
		assertThat(max).isGreaterThan(2800 * MILLIS);
	}

	@Test
	void jitteredDelaysAreCappedAtMaxDelay() {
		Backoff backoff = new Backoff(Duration.ofSeconds(8), 2.0, Duration.ofSeconds(10), 0.5);
		for (int i = 0; i < 10_000; i++) {
			assertThat(backoff.delayNanos(1)).isBetween(4000 * MILLIS, 10_000 * MILLIS);
			assertThat(backoff.delayNanos(3)).isBetween(5000 * MILLIS, 10_000 * MILLIS);
		}
		assertThat(backoff.delayNanos(1, 1.0)).isEqualTo(10_000 * MILLIS);
	}

	@Test
	void fullJitterMayGiveNoDelayButNeverANegativeOne() {
		Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 1.0);
		assertThat(backoff.delayNanos(1, 0.0)).isZero();
		for (int i = 0; i < 10_000; i++) {
			assertThat(backoff.delayNanos(1)).isBetween(0L, 2000 * MILLIS);
		}
	}

	@Test
	void zeroDelayStaysZero() {
		Backoff backoff = new Backoff(Duration.ZERO, 2.0, Duration.ofSeconds(10), 0.5);
		assertThat(backoff.delayNanos(1)).isZero();
		assertThat(backoff.delayNanos(5)).isZero();
	}

	@Test
	void hugeDurationsSaturateInsteadOfOverflowing() {
		Duration huge = Duration.ofDays(365L * 1000);
		Backoff backoff = new Backoff(huge, 2.0, huge, 0.0);
		assertThat(backoff.maxDelayNanos()).isEqualTo(Long.MAX_VALUE);
		assertThat(backoff.delayNanos(1)).isEqualTo(Long.MAX_VALUE);
		assertThat(backoff.delayNanos(10)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void ofReadsTheSettingsOfARetryConfig() {
		RetryConfig config = RetryConfig.builder()
			.delay(Duration.ofMillis(100))
			.multiplier(3.0)
			.maxDelay(Duration.ofSeconds(1))
			.jitter(0.0)
			.build();
		Backoff backoff = Backoff.of(config);
		assertThat(backoff.delayNanos(1)).isEqualTo(100 * MILLIS);
		assertThat(backoff.delayNanos(2)).isEqualTo(300 * MILLIS);
		assertThat(backoff.delayNanos(3)).isEqualTo(900 * MILLIS);
		assertThat(backoff.delayNanos(4)).isEqualTo(1000 * MILLIS);
		assertThat(backoff.maxDelayNanos()).isEqualTo(1000 * MILLIS);
	}

}
