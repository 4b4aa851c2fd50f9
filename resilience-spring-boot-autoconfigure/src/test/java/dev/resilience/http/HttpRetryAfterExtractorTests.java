package dev.resilience.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpRetryAfterExtractor}.
 */
class HttpRetryAfterExtractorTests {

	private static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

	private static final Request FEIGN_REQUEST = Request.create(Request.HttpMethod.GET, "http://inventory/stock/1",
			Map.of(), null, StandardCharsets.UTF_8, null);

	private final HttpRetryAfterExtractor extractor = new HttpRetryAfterExtractor();

	@Test
	void retryAfterNanosWhenRestClientResponseHasSecondsShouldReturnThem() {
		HttpClientErrorException failure = HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "",
				retryAfter("7"), new byte[0], null);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(7));
	}

	@Test
	void retryAfterNanosWhenRestClientResponseHasDateShouldReturnTimeUntilIt() {
		HttpServerErrorException failure = HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "",
				retryAfter("Mon, 23 Nov 2026 10:00:02 GMT"), new byte[0], null);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
	}

	@Test
	void retryAfterNanosWhenWebClientResponseHasSecondsShouldReturnThem() {
		WebClientResponseException failure = WebClientResponseException.create(HttpStatus.SERVICE_UNAVAILABLE, "",
				retryAfter("3"), new byte[0], StandardCharsets.UTF_8, null);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(3));
	}

	@Test
	void retryAfterNanosWhenWebClientResponseHasPastDateShouldReturnZero() {
		WebClientResponseException failure = WebClientResponseException.create(HttpStatus.TOO_MANY_REQUESTS, "",
				retryAfter("Sun, 06 Nov 1994 08:49:37 GMT"), new byte[0], StandardCharsets.UTF_8, null);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isZero();
	}

	@Test
	void retryAfterNanosWhenFeignResponseHasSecondsShouldReturnThem() {
		Response response = Response.builder()
			.status(503)
			.reason("Service Unavailable")
			.request(FEIGN_REQUEST)
			.headers(Map.of("retry-after", List.of("4")))
			.build();
		FeignException failure = FeignException.errorStatus("Inventory#stock(String)", response);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(4));
	}

	@Test
	void retryAfterNanosWhenFeignRetryableExceptionWrapsAResponseShouldReadItsHeaderOnOurClock() {
		Response response = Response.builder()
			.status(503)
			.reason("Service Unavailable")
			.request(FEIGN_REQUEST)
			.headers(Map.of("Retry-After", List.of("4")))
			.build();
		FeignException cause = FeignException.errorStatus("Inventory#stock(String)", response);
		// what Feign's default error decoder throws: the time worked out on the system clock, no headers
		RetryableException failure = new RetryableException(503, cause.getMessage(), Request.HttpMethod.GET, cause,
				NOW + 99_000, FEIGN_REQUEST);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(4));
	}

	@Test
	void retryAfterNanosWhenFeignRetryableExceptionHasATimeShouldReturnTimeUntilIt() {
		RetryableException failure = new RetryableException(503, "unavailable", Request.HttpMethod.GET, NOW + 1500,
				FEIGN_REQUEST);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
	}

	@Test
	void retryAfterNanosWhenHeaderIsMalformedShouldReturnMinusOne() {
		HttpServerErrorException failure = HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "",
				retryAfter("-1"), new byte[0], null);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(-1);
	}

	@Test
	void retryAfterNanosWhenHeaderIsAbsentShouldReturnMinusOne() {
		HttpServerErrorException failure = HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "",
				new HttpHeaders(), new byte[0], null);
		assertThat(this.extractor.retryAfterNanos(failure, NOW)).isEqualTo(-1);
	}

	@Test
	void retryAfterNanosWhenFailureIsNoHttpResponseShouldReturnMinusOne() {
		assertThat(this.extractor.retryAfterNanos(new IOException(), NOW)).isEqualTo(-1);
	}

	private static HttpHeaders retryAfter(String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, value);
		return headers;
	}

}
