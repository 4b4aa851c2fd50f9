package dev.resilience.http;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import dev.resilience.core.Deadline;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadlineHeaderFormat}: milliseconds as {@code X-Request-Timeout} writes them,
 * and gRPC's {@code grpc-timeout} format, read and written.
 */
class DeadlineHeaderFormatTests {

	private static final DeadlineHeaderFormat GRPC = DeadlineHeaderFormat.GRPC;

	@Test
	void grpcValuesOfEveryUnitAreRead() {
		assertThat(GRPC.parse("2H")).isEqualTo(Duration.ofHours(2));
		assertThat(GRPC.parse("3M")).isEqualTo(Duration.ofMinutes(3));
		assertThat(GRPC.parse("10S")).isEqualTo(Duration.ofSeconds(10));
		assertThat(GRPC.parse("2500m")).isEqualTo(Duration.ofMillis(2500));
		assertThat(GRPC.parse("750u")).isEqualTo(Duration.ofNanos(750_000));
		assertThat(GRPC.parse("99999999n")).isEqualTo(Duration.ofNanos(99_999_999));
		assertThat(GRPC.parse(" 0m ")).isEqualTo(Duration.ZERO);
	}

	@Test
	void malformedGrpcValuesAreNotRead() {
		for (String value : new String[] { "", "m", "10", "10s", "10ms", "-5m", "1.5S", "123456789m", "10 m", "x10m" }) {
			assertThat(GRPC.parse(value)).as(value).isNull();
		}
		assertThat(GRPC.parse(null)).isNull();
	}

	@Test
	void aGrpcValueBeyondOneDayIsReadAsOneDay() {
		assertThat(GRPC.parse("48H")).isEqualTo(RequestTimeoutHeader.MAX);
	}

	@Test
	void grpcValuesAreWrittenInTheFinestUnitThatFitsEightDigitsRoundingDown() {
		assertThat(GRPC.format(Duration.ofMillis(50))).isEqualTo("50000000n");
		assertThat(GRPC.format(Duration.ofMillis(2500))).isEqualTo("2500000u");
		assertThat(GRPC.format(Duration.ofNanos(2_500_000_999L))).isEqualTo("2500000u");
		assertThat(GRPC.format(Duration.ofSeconds(200))).isEqualTo("200000m");
		assertThat(GRPC.format(Duration.ofDays(2))).isEqualTo("172800S");
		assertThat(GRPC.format(Duration.ofDays(40_000))).isEqualTo("57600000M");
		assertThat(GRPC.format(Duration.ofSeconds(-1))).isEqualTo("0n");
		assertThat(GRPC.format(Duration.ofSeconds(Long.MAX_VALUE))).as("saturated").isEqualTo("2562047H");
	}

	@Test
	void whatIsWrittenIsReadBack() {
		for (Duration remaining : new Duration[] { Duration.ofNanos(1), Duration.ofMillis(1), Duration.ofMillis(2500),
				Duration.ofSeconds(59), Duration.ofHours(23) }) {
			assertThat(GRPC.parse(GRPC.format(remaining))).as(remaining.toString()).isEqualTo(remaining);
		}
	}

	@Test
	void millisecondsAreWrittenAsRequestTimeoutHeaderWritesThem() {
		DeadlineHeaderFormat millis = DeadlineHeaderFormat.MILLIS;
		assertThat(millis.format(Duration.ofNanos(2_500_999_999L))).isEqualTo("2500");
		assertThat(millis.parse("2500")).isEqualTo(Duration.ofMillis(2500));
		assertThat(millis.parse("2500m")).isNull();
		assertThat(millis.defaultHeader()).isEqualTo("X-Request-Timeout");
		assertThat(GRPC.defaultHeader()).isEqualTo("grpc-timeout");
	}

	@Test
	void aGuardWithTheGrpcFormatSendsTheRemainingTimeInIt() {
		HttpGuardPolicy defaults = HttpGuardPolicy.defaults();
		HttpGuardPolicy policy = new HttpGuardPolicy(defaults.methods(), defaults.statuses(),
				defaults.idempotencyKeyHeader(), "grpc-timeout", GRPC);
		HttpHeaders headers = new HttpHeaders();

		policy.sendRemainingTime(Deadline.within(Duration.ofMillis(2500), new ManualClock()), "host", headers);

		assertThat(headers.getFirst("grpc-timeout")).isEqualTo("2500000u");
	}

}
