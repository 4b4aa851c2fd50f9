package dev.resilience.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Parses the value of an HTTP {@code Retry-After} header (RFC 9110, section 10.2.3): either
 * delta-seconds or an HTTP-date.
 *
 * <p>HTTP-dates are accepted in the three formats a recipient must accept (RFC 9110, section
 * 5.6.7): IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 format
 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and ANSI C's asctime format
 * ({@code Sun Nov  6 08:49:37 1994}).
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class RetryAfter {

	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
		.appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
		.appendPattern(" HH:mm:ss 'GMT'")
		.toFormatter(Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().appendPattern("EEE MMM ")
		.padNext(2)
		.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
		.appendPattern(" HH:mm:ss yyyy")
		.toFormatter(Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final List<DateTimeFormatter> DATE_FORMATS = List.of(IMF_FIXDATE, RFC_850, ASCTIME);

	private RetryAfter() {
	}

	/**
	 * Returns the delay a {@code Retry-After} header value asks for.
	 * @param headerValue the header value, or {@code null} when the header is absent
	 * @param nowMillis the current wall-clock time in milliseconds since the epoch, the reference
	 * for an HTTP-date
	 * @return the delay in nanoseconds (saturated at {@link Long#MAX_VALUE}); 0 for a date that
	 * has passed; -1 when the value is absent, empty, negative or malformed
	 */
	public static long parseNanos(@Nullable String headerValue, long nowMillis) {
		if (headerValue == null) {
			return -1;
		}
		String value = headerValue.trim();
		if (value.isEmpty()) {
			return -1;
		}
		if (isDigits(value)) {
			return TimeUnit.SECONDS.toNanos(parseSeconds(value));
		}
		long dateMillis = parseDateMillis(value);
		if (dateMillis == Long.MIN_VALUE) {
			return -1;
		}
		return (dateMillis <= nowMillis) ? 0 : TimeUnit.MILLISECONDS.toNanos(dateMillis - nowMillis);
	}

	private static boolean isDigits(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static long parseSeconds(String digits) {
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			// Only digits, so too large for a long: as good as forever.
			return Long.MAX_VALUE;
		}
	}

	private static long parseDateMillis(String value) {
		for (DateTimeFormatter format : DATE_FORMATS) {
			try {
				return format.parse(value, Instant::from).toEpochMilli();
			}
			catch (DateTimeException ex) {
				// try the next format
			}
		}
		return Long.MIN_VALUE;
	}

}
