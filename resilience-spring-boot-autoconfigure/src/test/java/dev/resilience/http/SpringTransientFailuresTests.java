package dev.resilience.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.TimeLimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link SpringTransientFailures}.
 */
class SpringTransientFailuresTests {

	private final Predicate<Throwable> transientFailures = SpringTransientFailures.defaults();

	@Test
	void acceptsCoreTransientFailures() {
		assertThat(this.transientFailures).accepts(new IOException(), new ConnectException(),
				new HttpTimeoutException("slow"), new TimeoutException(),
				new TimeLimitExceededException("inventory", Duration.ofSeconds(1)));
	}

	@Test
	void acceptsResourceAccessException() {
		assertThat(this.transientFailures).accepts(new ResourceAccessException("I/O error", new ConnectException()));
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, 502, 503, 504 })
	void acceptsRestClientResponseWithTransientStatus(int status) {
		assertThat(this.transientFailures).accepts(restClientFailure(status));
		assertThat(this.transientFailures).accepts(new RestClientResponseException("failed", status, "", null, null, null));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 409, 500, 501 })
	void rejectsRestClientResponseWithOtherStatus(int status) {
		assertThat(this.transientFailures).rejects(restClientFailure(status));
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, 502, 503, 504 })
	void acceptsWebClientResponseWithTransientStatus(int status) {
		assertThat(this.transientFailures).accepts(webClientFailure(status));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 404, 500 })
	void rejectsWebClientResponseWithOtherStatus(int status) {
		assertThat(this.transientFailures).rejects(webClientFailure(status));
	}

	@Test
	void acceptsWebClientRequestException() {
		assertThat(this.transientFailures).accepts(new WebClientRequestException(new ConnectException("refused"),
				HttpMethod.GET, URI.create("http://localhost:8081/items"), new HttpHeaders()));
	}

	@Test
	void acceptsTransientDataAccessExceptions() {
		assertThat(this.transientFailures).accepts(new QueryTimeoutException("timeout"),
				new CannotAcquireLockException("lock"), new OptimisticLockingFailureException("version"),
				new TransientDataAccessResourceException("pool"));
	}

	@Test
	void acceptsRecoverableDataAccessException() {
		assertThat(this.transientFailures).accepts(new RecoverableDataAccessException("connection lost"));
	}

	@Test
	void rejectsOtherFailures() {
		assertThat(this.transientFailures).rejects(new IllegalArgumentException(), new IllegalStateException(),
				new DataIntegrityViolationException("duplicate"),
				new CallNotPermittedException("inventory", CircuitBreaker.State.OPEN),
				new RuntimeException(new IllegalArgumentException()));
	}

	@Test
	void acceptsFailuresCausedByTransientFailures() {
		assertThat(this.transientFailures).accepts(new UncheckedIOException(new IOException("reset")),
				new RuntimeException(new SocketTimeoutException("read timed out")),
				new IllegalStateException(new ResourceAccessException("I/O error")),
				new CompletionException(restClientFailure(503)),
				new RuntimeException(new QueryTimeoutException("timeout")));
	}

	@Test
	void rejectsFailuresCausedByOtherFailures() {
		assertThat(this.transientFailures).rejects(new RuntimeException(restClientFailure(404)),
				new IllegalStateException(new DataIntegrityViolationException("duplicate")));
	}

	@Test
	void cycleOfCausesEndsTheWalk() {
		IllegalStateException a = new IllegalStateException("a");
		IllegalArgumentException b = new IllegalArgumentException("b");
		a.initCause(b);
		b.initCause(a);
		assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> this.transientFailures.test(a))).isFalse();
	}

	@Test
	void isTransientStatusAcceptsOnlyTryAgainLaterStatuses() {
		assertThat(SpringTransientFailures.isTransientStatus(429)).isTrue();
		assertThat(SpringTransientFailures.isTransientStatus(502)).isTrue();
		assertThat(SpringTransientFailures.isTransientStatus(503)).isTrue();
		assertThat(SpringTransientFailures.isTransientStatus(504)).isTrue();
		assertThat(SpringTransientFailures.isTransientStatus(200)).isFalse();
		assertThat(SpringTransientFailures.isTransientStatus(408)).isFalse();
		assertThat(SpringTransientFailures.isTransientStatus(500)).isFalse();
	}

	static RestClientResponseException restClientFailure(int status) {
		HttpStatusCode code = HttpStatusCode.valueOf(status);
		return (status < 500) ? HttpClientErrorException.create(code, "", new HttpHeaders(), new byte[0], null)
				: HttpServerErrorException.create(code, "", new HttpHeaders(), new byte[0], null);
	}

	static WebClientResponseException webClientFailure(int status) {
		return WebClientResponseException.create(HttpStatusCode.valueOf(status), "", new HttpHeaders(), new byte[0],
				StandardCharsets.UTF_8, null);
	}

}
