package dev.resilience.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the header that carries a deadline from one service to the next writes the remaining time.
 *
 * @since 0.3.0
 */
public enum DeadlineHeaderFormat {

	/**
	 * Whole milliseconds, {@code X-Request-Timeout: 2500}.
	 */
	MILLIS("X-Request-Timeout", "remaining milliseconds from 0 to " + RequestTimeoutHeader.MAX.toMillis()) {

		@Override
		public @Nullable Duration parse(@Nullable String value) {
			return RequestTimeoutHeader.parse(value);
		}

		@Override
		public String format(Duration remaining) {
			return RequestTimeoutHeader.format(remaining);
		}

	},

	/**
	 * gRPC's: at most 8 digits and a unit, {@code H}, {@code M}, {@code S}, {@code m} (milliseconds),
	 * {@code u} (microseconds) or {@code n} (nanoseconds), {@code grpc-timeout: 2500m}, so that a
	 * service behind a gRPC-aware proxy keeps its caller's deadline.
	 */
	GRPC("grpc-timeout", "at most 8 digits and a unit of H, M, S, m, u or n") {

		private static final long MAX_VALUE = 99_999_999;

		private static final char[] UNITS = { 'n', 'u', 'm', 'S', 'M', 'H' };

		private static final long[] UNIT_NANOS = { 1, 1_000, 1_000_000, 1_000_000_000, 60_000_000_000L,
				3_600_000_000_000L };

		@Override
		public @Nullable Duration parse(@Nullable String value) {
			if (value == null) {
				return null;
			}
			String trimmed = value.strip();
			if (trimmed.length() < 2 || trimmed.length() > 9) {
				return null;
			}
			int unit = unitIndex(trimmed.charAt(trimmed.length() - 1));
			long amount = digits(trimmed, trimmed.length() - 1);
			if (unit < 0 || amount < 0) {
				return null;
			}
			Duration remaining = Duration.ofNanos(amount).multipliedBy(UNIT_NANOS[unit]);
			return (remaining.compareTo(RequestTimeoutHeader.MAX) <= 0) ? remaining : RequestTimeoutHeader.MAX;
		}

		/** Writes the remaining time in the finest unit whose value fits in 8 digits, rounding down. */
		@Override
		public String format(Duration remaining) {
			long nanos = Math.max(0, saturatedNanos(remaining));
			int hours = UNITS.length - 1;
			for (int unit = 0; unit < hours; unit++) {
				long amount = nanos / UNIT_NANOS[unit];
				if (amount <= MAX_VALUE) {
					return amount + String.valueOf(UNITS[unit]);
				}
			}
			// even Long.MAX_VALUE nanoseconds are 2,562,047 hours: hours always fit
			return (nanos / UNIT_NANOS[hours]) + "H";
		}

		private static int unitIndex(char unit) {
			for (int i = 0; i < UNITS.length; i++) {
				if (UNITS[i] == unit) {
					return i;
				}
			}
			return -1;
		}

		private static long saturatedNanos(Duration duration) {
			try {
				return duration.toNanos();
			}
			catch (ArithmeticException ex) {
				return Long.MAX_VALUE;
			}
		}

	};

	private final String defaultHeader;

	private final String expected;

	DeadlineHeaderFormat(String defaultHeader, String expected) {
		this.defaultHeader = defaultHeader;
		this.expected = expected;
	}

	/**
	 * Parses a header value.
	 * @param value the header value, possibly {@code null}
	 * @return the remaining time, or {@code null} when the value is absent or malformed
	 */
	public abstract @Nullable Duration parse(@Nullable String value);

	/**
	 * Formats a remaining time as a header value, rounding down.
	 * @param remaining the remaining time
	 * @return the header value
	 */
	public abstract String format(Duration remaining);

	/**
	 * Returns the header that carries the deadline in this format unless another is configured.
	 * @return {@code X-Request-Timeout} or {@code grpc-timeout}
	 */
	public String defaultHeader() {
		return this.defaultHeader;
	}

	/** What a value in this format looks like, for a log line about a malformed one. */
	String expected() {
		return this.expected;
	}

	/** The value of the digits before {@code end}, or -1 when one is not a digit. */
	private static long digits(String text, int end) {
		long value = 0;
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
