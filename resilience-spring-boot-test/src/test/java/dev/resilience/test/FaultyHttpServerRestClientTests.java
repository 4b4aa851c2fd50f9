package dev.resilience.test;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of {@link FaultyHttpServer} through Spring's {@link RestClient} on the JDK's HTTP client,
 * the server run by {@link FaultyHttpServerExtension} for the whole class: each fault as the
 * client reports it, and the headers it sent.
 */
@Timeout(30)
class FaultyHttpServerRestClientTests {

	@RegisterExtension
	static final FaultyHttpServerExtension server = new FaultyHttpServerExtension();

	private final RestClient client = restClient(Duration.ofSeconds(5));

	@Test
	void serverErrorCarriesItsStatusAndRetryAfter() {
		server.enqueue(Reply.status(503).retryAfter(Duration.ofSeconds(2)).body("busy"));
		Throwable thrown = catchThrowable(() -> this.client.get().uri("/stock").retrieve().body(String.class));
		assertThat(thrown).isInstanceOfSatisfying(HttpServerErrorException.class, (ex) -> {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(ex.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
			assertThat(ex.getResponseBodyAsString()).isEqualTo("busy");
		});
	}

	@Test
	void delayLongerThanTheReadTimeoutFailsTheCall() {
		server.enqueue(Reply.ok("late").delayedBy(Duration.ofSeconds(20)));
		RestClient impatient = restClient(Duration.ofMillis(200));
		Throwable thrown = catchThrowable(() -> impatient.get().uri("/slow").retrieve().body(String.class));
		assertThat(thrown).isInstanceOf(ResourceAccessException.class).hasRootCauseInstanceOf(IOException.class);
	}

	@Test
	void resetClosedAndMalformedAnswersFailTheCallWithAnIOException() {
		// a POST, which the JDK client does not send again on a connection that ended
		server.enqueue(Reply.connectionReset(), Reply.connectionClosed(), Reply.malformed());
		for (int i = 0; i < 3; i++) {
			Throwable thrown = catchThrowable(
					() -> this.client.post().uri("/").body("x").retrieve().body(String.class));
			assertThat(thrown).isInstanceOf(ResourceAccessException.class).hasCauseInstanceOf(IOException.class);
		}
		assertThat(server.requestCount()).isEqualTo(3);
	}

	@Test
	void slowBodyArrivesWhole() {
		// a real pause, short: what the client sees of a trickle is a body that arrives whole
		server.enqueue(Reply.ok("slow body").trickled(Duration.ofMillis(5)));
		assertThat(this.client.get().uri("/").retrieve().body(String.class)).isEqualTo("slow body");
	}

	@Test
	void recordsTheHeadersTheClientSent() {
		this.client.post()
			.uri("/orders")
			.header("Idempotency-Key", "order-7")
			.header("X-Request-Timeout", "800")
			.body("{}")
			.retrieve()
			.toBodilessEntity();
		RecordedRequest request = server.takeRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("idempotency-key")).isEqualTo("order-7");
		assertThat(request.header("x-request-timeout")).isEqualTo("800");
		assertThat(request.bodyAsString()).isEqualTo("{}");
	}

	private static RestClient restClient(Duration readTimeout) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(readTimeout);
		return RestClient.builder().baseUrl(server.url()).requestFactory(requestFactory).build();
	}

}
