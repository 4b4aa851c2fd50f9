package dev.resilience.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The recent latency of one instance, to read percentiles from: a log-linear histogram in
 * microseconds, exact up to 16 µs and then 16 buckets per doubling up to about 71 minutes, so
 * that a percentile read from it is at most 6.25 % above the true one. It keeps two generations
 * of {@value #GENERATION} calls: recording goes to the current one and, when it is full, the
 * older is emptied and becomes current, so percentiles follow the last 1,000 to 2,000 calls.
 *
 * <p>Thread-safe: a call is two atomic increments and allocates nothing. It is approximate by
 * design under concurrency: a call recorded while the generations turn may be lost.
 * Memory: 2 x 464 counts of 4 bytes, about 3.7 KB.
 */
final class LatencyHistogram {

	/** Calls per generation. */
	static final int GENERATION = 1_000;

	private static final int SUB_BUCKET_BITS = 4;

	private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

	/** The largest latency told apart, in microseconds: 2^32 - 1, about 71 minutes. */
	private static final long MAX_MICROS = (1L << 32) - 1;

	/** 16 exact buckets below 16 µs, then 16 per doubling from 2^4 to 2^32 µs. */
	static final int BUCKETS = SUB_BUCKETS + (32 - SUB_BUCKET_BITS) * SUB_BUCKETS;

	private final AtomicIntegerArray counts = new AtomicIntegerArray(2 * BUCKETS);

	private final AtomicInteger recordedInCurrent = new AtomicInteger();

	/** The generation being recorded into: 0 or 1. */
	private volatile int current;

	/**
	 * Records the latency of one call.
	 * @param nanos how long the call took
	 */
	void record(long nanos) {
		int generation = this.current;
		this.counts.incrementAndGet(generation * BUCKETS + bucket(nanos / 1_000));
		if (this.recordedInCurrent.incrementAndGet() == GENERATION) {
			int older = 1 - generation;
			for (int i = older * BUCKETS, end = i + BUCKETS; i < end; i++) {
				this.counts.set(i, 0);
			}
			this.recordedInCurrent.set(0);
			this.current = older;
		}
	}

	/**
	 * Forgets every call recorded. A call recorded by another thread during the reset may be kept
	 * or lost, as while the generations turn.
	 */
	void reset() {
		for (int i = 0; i < 2 * BUCKETS; i++) {
			this.counts.set(i, 0);
		}
		this.recordedInCurrent.set(0);
	}

	/**
	 * Returns the latency that the given share of the recent calls did not exceed, rounded up to
	 * the upper bound of its bucket.
	 * @param percentile the share, in percent: above 0 and at most 100
	 * @param minimumCalls the calls the histogram must hold for an answer
	 * @return the latency in nanoseconds, or -1 when fewer than {@code minimumCalls} calls are held
	 */
	long percentileNanos(double percentile, int minimumCalls) {
		long total = 0;
		for (int i = 0; i < 2 * BUCKETS; i++) {
			total += this.counts.get(i);
		}
		if (total < minimumCalls || total == 0) {
			return -1;
		}
		long rank = (long) Math.ceil(percentile / 100 * total);
		long seen = 0;
		for (int bucket = 0; bucket < BUCKETS; bucket++) {
			seen += this.counts.get(bucket) + this.counts.get(BUCKETS + bucket);
			if (seen >= rank) {
				return upperBoundMicros(bucket) * 1_000;
			}
		}
		return upperBoundMicros(BUCKETS - 1) * 1_000;
	}

	static int bucket(long micros) {
		long value = Math.min(Math.max(micros, 0), MAX_MICROS);
		if (value < SUB_BUCKETS) {
			return (int) value;
		}
		int shift = (63 - Long.numberOfLeadingZeros(value)) - SUB_BUCKET_BITS;
		return SUB_BUCKETS + shift * SUB_BUCKETS + (int) ((value >>> shift) - SUB_BUCKETS);
	}

	/** The smallest latency in microseconds that falls in the bucket after the given one. */
	static long upperBoundMicros(int bucket) {
		if (bucket < SUB_BUCKETS) {
			return bucket + 1;
		}
		int shift = (bucket - SUB_BUCKETS) / SUB_BUCKETS;
		long mantissa = SUB_BUCKETS + (bucket - SUB_BUCKETS) % SUB_BUCKETS;
		return (mantissa + 1) << shift;
	}

}
