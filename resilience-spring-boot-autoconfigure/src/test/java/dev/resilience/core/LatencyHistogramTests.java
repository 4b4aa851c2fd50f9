package dev.resilience.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LatencyHistogram}.
 */
class LatencyHistogramTests {

	private static final long MS = 1_000_000;

	@Test
	void answersNothingBeforeTheMinimumCalls() {
		LatencyHistogram histogram = new LatencyHistogram();
		assertThat(histogram.percentileNanos(95, 20)).isEqualTo(-1);
		for (int i = 0; i < 19; i++) {
			histogram.record(10 * MS);
		}
		assertThat(histogram.percentileNanos(95, 20)).isEqualTo(-1);
		histogram.record(10 * MS);
		assertThat(histogram.percentileNanos(95, 20)).isPositive();
	}

	@Test
	void resetForgetsEveryCallOfBothGenerations() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < LatencyHistogram.GENERATION + 500; i++) {
			histogram.record(10 * MS);
		}
		histogram.reset();
		assertThat(histogram.percentileNanos(95, 1)).isEqualTo(-1);
		for (int i = 0; i < 20; i++) {
			histogram.record(2 * MS);
		}
		assertPercentile(histogram, 100, 2 * MS);
	}

	@Test
	void readsPercentilesOfAUniformDistributionWithinTheBucketWidth() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int ms = 1; ms <= 1_000; ms++) {
			histogram.record(ms * MS);
		}
		assertPercentile(histogram, 50, 500 * MS);
		assertPercentile(histogram, 90, 900 * MS);
		assertPercentile(histogram, 95, 950 * MS);
		assertPercentile(histogram, 99, 990 * MS);
	}

	@Test
	void aSlowTailOfFivePercentLiesAboveTheNinetiethPercentileAndAtTheNinetyNinth() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < 1_000; i++) {
			histogram.record((i % 20 == 0) ? 1_000 * MS : 20 * MS);
		}
		assertPercentile(histogram, 90, 20 * MS);
		assertPercentile(histogram, 95, 20 * MS);
		assertPercentile(histogram, 99, 1_000 * MS);
	}

	@Test
	void followsAChangingDistributionWithinTwoGenerations() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < 5_000; i++) {
			histogram.record(10 * MS);
		}
		assertPercentile(histogram, 95, 10 * MS);
		for (int i = 0; i < 2 * LatencyHistogram.GENERATION; i++) {
			histogram.record(200 * MS);
		}
		assertPercentile(histogram, 50, 200 * MS);
		for (int i = 0; i < 2 * LatencyHistogram.GENERATION; i++) {
			histogram.record(3 * MS);
		}
		assertPercentile(histogram, 95, 3 * MS);
	}

	@Test
	void bucketsCoverEveryLatencyWithoutGapsOrOverlaps() {
		assertThat(LatencyHistogram.bucket(0)).isZero();
		assertThat(LatencyHistogram.bucket(-5)).isZero();
		assertThat(LatencyHistogram.bucket(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
		long misplaced = 0;
		for (long micros = 0; micros < 1_000_000; micros++) {
			int bucket = LatencyHistogram.bucket(micros);
			long upper = LatencyHistogram.upperBoundMicros(bucket);
			boolean inside = upper > micros && (bucket == 0 || LatencyHistogram.upperBoundMicros(bucket - 1) <= micros);
			// the upper bound is at most 1/16 above anything in the bucket
			if (!inside || upper > micros * 1.0625 + 1) {
				misplaced++;
			}
		}
		assertThat(misplaced).isZero();
	}

	@Test
	void sixteenThreadsRecordingAtOnceLeaveAHistogramThatAnswersTheirLatency() throws Exception {
		LatencyHistogram histogram = new LatencyHistogram();
		Together.run(16, () -> {
			for (int i = 0; i < 10_000; i++) {
				histogram.record(40 * MS);
			}
		});
		assertPercentile(histogram, 1, 40 * MS);
		assertPercentile(histogram, 100, 40 * MS);
	}

	private static void assertPercentile(LatencyHistogram histogram, double percentile, long expectedNanos) {
		long nanos = histogram.percentileNanos(percentile, 20);
		assertThat((double) nanos).as("p%s", percentile).isGreaterThanOrEqualTo(expectedNanos)
			.isCloseTo(expectedNanos, within(expectedNanos * 0.0625));
	}

}
