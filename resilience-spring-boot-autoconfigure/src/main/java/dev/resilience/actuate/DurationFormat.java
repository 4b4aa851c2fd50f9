package dev.resilience.actuate;

import java.time.Duration;

/**
 * Writes a configured duration in the largest unit that holds it whole, as it would be written in
 * {@code application.yml}: {@code 1m}, {@code 30s}, {@code 250ms}.
 */
final class DurationFormat {

	private static final long[] UNIT_NANOS = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
			1_000_000_000L, 1_000_000L, 1_000L, 1L };

	private static final String[] UNITS = { "d", "h", "m", "s", "ms", "us", "ns" };

	private DurationFormat() {
	}

	static String format(Duration duration) {
		long nanos = duration.toNanos();
		for (int i = 0; i < UNIT_NANOS.length; i++) {
			if (nanos % UNIT_NANOS[i] == 0) {
				return (nanos / UNIT_NANOS[i]) + UNITS[i];
			}
		}
		return nanos + "ns";
	}

}
