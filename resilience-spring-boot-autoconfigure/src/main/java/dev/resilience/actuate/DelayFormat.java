package dev.resilience.actuate;

/**
 * Writes a delay the way operators read it: whole milliseconds as {@code 200ms}, anything finer
 * in microseconds.
 */
final class DelayFormat {

	private DelayFormat() {
	}

	static String format(long nanos) {
		return (nanos % 1_000_000 == 0) ? (nanos / 1_000_000) + "ms" : (nanos / 1_000) + "us";
	}

}
