package dev.resilience.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the request-timeout header that carries a deadline from one service to the
 * next: the remaining time in milliseconds, as a non-negative integer.
 *
 * @since 0.1.0
 */
public final class RequestTimeoutHeader {

	/** The longest remaining time accepted, one day; anything longer is treated as malformed. */
	public static final Duration MAX = Duration.ofDays(1);

	private RequestTimeoutHeader() {
	}

	/**
	 * Parses a header value.
	 * @param value the header value, possibly {@code null}
	 * @return the remaining time, or {@code null} when the value is absent, malformed, negative or
	 * longer than {@link #MAX}
	 */
	public static @Nullable Duration parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.isEmpty() || trimmed.length() > 12) {
			return null;
		}
		for (int i = 0; i < trimmed.length(); i++) {
			if (trimmed.charAt(i) < '0' || trimmed.charAt(i) > '9') {
				return null;
			}
		}
		long millis = Long.parseLong(trimmed);
		return (millis <= MAX.toMillis()) ? Duration.ofMillis(millis) : null;
	}

	/**
	 * Formats a remaining time as a header value, rounding down to whole milliseconds.
	 * @param remaining the remaining time
	 * @return the header value
	 */
	public static String format(Duration remaining) {
		return Long.toString(Math.max(0, remaining.toMillis()));
	}

}
