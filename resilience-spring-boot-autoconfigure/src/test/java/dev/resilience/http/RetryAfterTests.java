package dev.resilience.http;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	private static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

	@Test
	void parseNanosWhenDeltaSecondsShouldReturnThem() {
		assertThat(RetryAfter.parseNanos("120", NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(120));
	}

	@Test
	void parseNanosWhenZeroSecondsShouldReturnZero() {
		assertThat(RetryAfter.parseNanos("0", NOW)).isZero();
	}

	@Test
	void parseNanosWhenSurroundedByWhitespaceShouldIgnoreIt() {
		assertThat(RetryAfter.parseNanos(" 3 ", NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(3));
	}

	@Test
	void parseNanosWhenSecondsOverflowShouldSaturate() {
		assertThat(RetryAfter.parseNanos("99999999999999999999999", NOW)).isEqualTo(Long.MAX_VALUE);
		assertThat(RetryAfter.parseNanos("9223372036854775807", NOW)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void parseNanosWhenImfFixdateInTheFutureShouldReturnTimeUntilIt() {
		assertThat(RetryAfter.parseNanos("Mon, 23 Nov 2026 10:00:30 GMT", NOW))
			.isEqualTo(TimeUnit.SECONDS.toNanos(30));
	}

	@Test
	void parseNanosWhenRfc850DateInTheFutureShouldReturnTimeUntilIt() {
		assertThat(RetryAfter.parseNanos("Monday, 23-Nov-26 10:01:00 GMT", NOW))
			.isEqualTo(TimeUnit.MINUTES.toNanos(1));
	}

	@Test
	void parseNanosWhenAsctimeDateInTheFutureShouldReturnTimeUntilIt() {
		assertThat(RetryAfter.parseNanos("Mon Nov 23 10:00:05 2026", NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(5));
		assertThat(RetryAfter.parseNanos("Sun Nov  6 08:49:37 1994", NOW)).isZero();
	}

	@Test
	void parseNanosWhenDateInThePastShouldReturnZero() {
		assertThat(RetryAfter.parseNanos("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).isZero();
	}

	@Test
	void parseNanosWhenDateIsNowShouldReturnZero() {
		assertThat(RetryAfter.parseNanos("Mon, 23 Nov 2026 10:00:00 GMT", NOW)).isZero();
	}

	@Test
	void parseNanosWhenNullShouldReturnMinusOne() {
		assertThat(RetryAfter.parseNanos(null, NOW)).isEqualTo(-1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "-5", "+5", "1.5", "5s", "soon", "0x10", "Mon, 32 Nov 2026 10:00:00 GMT",
			"Tue, 23 Nov 2026 10:00:00 GMT", "2026-11-23T10:00:30Z" })
	void parseNanosWhenMalformedShouldReturnMinusOne(String value) {
		assertThat(RetryAfter.parseNanos(value, NOW)).isEqualTo(-1);
	}

}
