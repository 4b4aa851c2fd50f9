package dev.resilience.test.guards;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.resilience.core.ConfigSource;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.HttpGuardPolicy;
import dev.resilience.http.ResilienceClientHttpRequestInterceptor;
import dev.resilience.test.FaultyHttpServerExtension;
import dev.resilience.test.ManualClock;
import dev.resilience.test.RecordedRequest;
import dev.resilience.test.Reply;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The starter's guarded {@code RestClient} against the faults this kit scripts, over real HTTP and
 * TCP: what a dependency does that a status alone cannot show (a reset connection, an answer that
 * is not HTTP, a {@code Retry-After} date, headers that never come). Retries wait on a manual
 * clock; only the read timeout of the last test takes real time (200ms per attempt).
 */
class GuardedRestClientFaultsTests {

	@RegisterExtension
	static FaultyHttpServerExtension server = new FaultyHttpServerExtension();

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	@Test
	void aRetryAfterDateIsWaitedForOnTheClockThenTheRequestIsSentAgain() {
		Instant threeSecondsLater = this.clock.instant().plusSeconds(3);
		server.enqueue(Reply.status(503).retryAfter(threeSecondsLater), Reply.ok("12"));

		assertThat(client(Duration.ofSeconds(5)).get().uri("/stock").retrieve().body(String.class)).isEqualTo("12");

		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(3));
		assertThat(server.requestCount()).isEqualTo(2);
	}

	@Test
	void aPostWhoseConnectionIsResetIsSentAgainWithTheSameIdempotencyKey() {
		server.enqueue(Reply.connectionReset(), Reply.ok("created"));

		assertThat(client(Duration.ofSeconds(5)).post().uri("/orders").body("order").retrieve().body(String.class))
			.isEqualTo("created");

		List<RecordedRequest> attempts = server.requests();
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(0).header("Idempotency-Key")).isNotBlank()
			.isEqualTo(attempts.get(1).header("Idempotency-Key"));
		assertThat(attempts).extracting(RecordedRequest::bodyAsString).containsOnly("order");
	}

	@Test
	void answersThatAreNotHttpAreTransportFailuresRetriedThenCountedByTheBreaker() {
		server.answerByDefault(Reply.malformed());

		Throwable thrown = catchThrowable(() -> client(Duration.ofSeconds(5)).get().uri("/stock").retrieve()
			.body(String.class));

		assertThat(thrown).isInstanceOf(ResourceAccessException.class);
		assertThat(this.registry.retry(host())).hasFailedCallsWithRetry(1).hasRetryAttempts(2);
		assertThat(this.registry.circuitBreaker(host())).hasFailedCalls(3);
	}

	@Test
	void headersThatNeverComeEndEachAttemptAtTheReadTimeoutAndTheLastFailureReachesTheCaller() {
		server.answerByDefault(Reply.ok("late").delayedBy(Duration.ofSeconds(30)));

		Throwable thrown = catchThrowable(() -> client(Duration.ofMillis(200)).get().uri("/stock").retrieve()
			.body(String.class));

		assertThat(thrown).isInstanceOf(ResourceAccessException.class);
		assertThat(server.requestCount()).as("every attempt reached the server").isEqualTo(3);
		assertThat(this.registry.circuitBreaker(host())).hasFailedCalls(3);
	}

	@Test
	void a500IsNotRetriedButCountsAgainstTheHostsBreaker() {
		server.enqueue(Reply.status(500));

		Throwable thrown = catchThrowable(() -> client(Duration.ofSeconds(5)).get().uri("/stock").retrieve()
			.body(String.class));

		assertThat(thrown).isInstanceOf(HttpServerErrorException.InternalServerError.class);
		assertThat(server.requestCount()).isEqualTo(1);
		assertThat(this.registry.circuitBreaker(host())).isClosed().hasFailedCalls(1);
	}

	/** The instance name of the server's host, as the guard names it: {@code host:port}. */
	private static String host() {
		return server.uri("/").getHost() + ":" + server.port();
	}

	private RestClient client(Duration readTimeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
		requests.setReadTimeout(readTimeout);
		return RestClient.builder()
			.baseUrl(server.url())
			.requestFactory(requests)
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, HttpGuardPolicy.defaults()))
			.build();
	}

}
