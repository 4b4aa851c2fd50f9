package dev.resilience.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.resilience.core.CircuitBreaker.Metrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the count-based window on its own.
 */
class CountBasedWindowTests {

	private final CountBasedWindow window = new CountBasedWindow(3, 2);

	@Test
	void returnsNoRatesBeforeTheMinimumCalls() {
		long rates = this.window.record(true, true);
		assertThat(CircuitBreakerWindow.failureRate(rates)).isEqualTo(-1);
		assertThat(CircuitBreakerWindow.slowCallRate(rates)).isEqualTo(-1);
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(-1, -1, 1, 1, 1, 0));
	}

	@Test
	void returnsBothRatesOnceTheMinimumCallsAreIn() {
		this.window.record(true, false);
		long rates = this.window.record(false, true);
		assertThat(CircuitBreakerWindow.failureRate(rates)).isEqualTo(50);
		assertThat(CircuitBreakerWindow.slowCallRate(rates)).isEqualTo(50);
	}

	@Test
	void forgetsTheOldestCallWhenFull() {
		this.window.record(true, true);
		this.window.record(false, false);
		this.window.record(false, false);
		assertThat(this.window.metrics(7)).isEqualTo(new Metrics(100 / 3f, 100 / 3f, 3, 1, 1, 7));
		long rates = this.window.record(false, true);
		assertThat(CircuitBreakerWindow.failureRate(rates)).isZero();
		assertThat(CircuitBreakerWindow.slowCallRate(rates)).isEqualTo(100 / 3f);
		this.window.record(true, false);
		this.window.record(true, false);
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(200 / 3f, 100 / 3f, 3, 2, 1, 0));
	}

	@Test
	void keepsExactTotalsOverManyTurnsOfTheRing() {
		for (int i = 0; i < 1000; i++) {
			this.window.record(i % 2 == 0, i % 5 == 0);
		}
		// The last three calls are 997 (neither), 998 (failed) and 999 (neither).
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(100 / 3f, 0, 3, 1, 0, 0));
		this.window.record(false, true);
		// 998 (failed), 999 (neither) and 1000 (slow).
		assertThat(this.window.metrics(0)).isEqualTo(new Metrics(100 / 3f, 100 / 3f, 3, 1, 1, 0));
	}

	@Test
	void aFullWindowOfSuccessesStillEvictsAFailureAfterExactlyNCalls() {
		CountBasedWindow window = new CountBasedWindow(4, 1);
		recordSuccesses(window, 4 + 10);
		window.record(true, false);
		recordSuccesses(window, 3);
		assertThat(window.metrics(0)).isEqualTo(new Metrics(25, 0, 4, 1, 0, 0));
		long rates = window.record(false, false);
		assertThat(CircuitBreakerWindow.failureRate(rates)).isZero();
		assertThat(window.metrics(0)).isEqualTo(new Metrics(0, 0, 4, 0, 0, 0));
	}

	@Test
	@Timeout(60)
	void keepsExactTotalsWhileSixteenThreadsTurnTheRingTogether() throws Exception {
		CountBasedWindow window = new CountBasedWindow(64, 1);
		Together.run(16, () -> {
			for (int i = 0; i < 20_000; i++) {
				window.record(i % 4 == 0, i % 8 == 1);
			}
		});
		// Whatever the threads left in the ring, the next 64 calls replace all of it.
		for (int i = 0; i < 64; i++) {
			window.record(i < 10, i >= 60);
		}
		assertThat(window.metrics(0)).isEqualTo(new Metrics(1000 / 64f, 400 / 64f, 64, 10, 4, 0));
	}

	@Test
	@Timeout(60)
	void countsEveryFailureOfAWindowThatSixteenThreadsFillWithFailures() throws Exception {
		CountBasedWindow window = new CountBasedWindow(64, 1);
		recordSuccesses(window, 64);
		Together.run(16, () -> {
			for (int i = 0; i < 20_000; i++) {
				window.record(true, true);
			}
		});
		assertThat(window.metrics(0)).isEqualTo(new Metrics(100, 100, 64, 64, 64, 0));
	}

	private static void recordSuccesses(CountBasedWindow window, int calls) {
		for (int i = 0; i < calls; i++) {
			window.record(false, false);
		}
	}

	@Test
	void packsNegativeAndFractionalRatesLosslessly() {
		long rates = CircuitBreakerWindow.rates(3, 1, 2, 1);
		assertThat(CircuitBreakerWindow.failureRate(rates)).isEqualTo(100 / 3f);
		assertThat(CircuitBreakerWindow.slowCallRate(rates)).isEqualTo(200 / 3f);
		rates = CircuitBreakerWindow.rates(0, 0, 0, 1);
		assertThat(CircuitBreakerWindow.failureRate(rates)).isEqualTo(-1);
		assertThat(CircuitBreakerWindow.slowCallRate(rates)).isEqualTo(-1);
	}

}
