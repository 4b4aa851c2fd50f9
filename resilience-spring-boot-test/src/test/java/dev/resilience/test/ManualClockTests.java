package dev.resilience.test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link ManualClock}: time moves only when told, sleeps move it at once and are
 * recorded, from many threads at once.
 */
class ManualClockTests {

	@Test
	void movesOnlyWhenAdvanced() {
		ManualClock clock = new ManualClock(Instant.parse("2030-06-01T12:00:00Z"));
		assertThat(clock.nanoTime()).isZero();
		assertThat(clock.currentTimeMillis()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z").toEpochMilli());
		clock.advance(Duration.ofMillis(1500));
		assertThat(clock.nanoTime()).isEqualTo(1_500_000_000L);
		assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(1500));
		assertThat(clock.instant()).isEqualTo(Instant.parse("2030-06-01T12:00:01.500Z"));
		assertThat(clock.currentTimeMicros()).isEqualTo(clock.currentTimeMillis() * 1000);
		assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)));
	}

	@Test
	void sleepMovesTheClockAtOnceAndIsRecorded() {
		ManualClock clock = new ManualClock();
		long before = System.nanoTime();
		clock.sleep(Duration.ofHours(1).toNanos());
		clock.sleep(0);
		assertThat(System.nanoTime() - before).as("no real wait").isLessThan(Duration.ofSeconds(1).toNanos());
		assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
		assertThat(clock.sleeps()).containsExactly(Duration.ofHours(1), Duration.ZERO);
		clock.clearSleeps();
		assertThat(clock.sleeps()).isEmpty();
		assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void threadsSleepingAndAdvancingAtOnceLoseNoTime() throws Exception {
		ManualClock clock = new ManualClock();
		int threads = 16;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				boolean sleeps = t % 2 == 0;
				done.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 1_000; i++) {
						if (sleeps) {
							clock.sleep(1_000);
						}
						else {
							clock.advance(Duration.ofNanos(1_000));
						}
					}
					return null;
				}));
			}
			for (Future<?> thread : done) {
				thread.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(clock.nanoTime()).isEqualTo(threads * 1_000 * 1_000L);
		assertThat(clock.sleeps()).hasSize(threads / 2 * 1_000);
	}

}
