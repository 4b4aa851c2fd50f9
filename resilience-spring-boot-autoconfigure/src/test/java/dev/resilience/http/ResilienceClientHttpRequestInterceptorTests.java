package dev.resilience.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.resilience.autoconfigure.PropertiesConfigSource;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.Deadline;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryContext;
import dev.resilience.core.TimeLimitExceededException;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The HTTP client guard over real loopback HTTP: what is retried, how many requests the server
 * saw, which headers it received, and what the client gets back.
 */
class ResilienceClientHttpRequestInterceptorTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	private final LoopbackServer server = server();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void idempotentRequestIsRetriedOnListedStatusUntilItSucceeds() {
		this.server.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(200));
		String body = client(HttpGuardPolicy.defaults()).get().uri(this.server.url("/stock")).retrieve().body(String.class);
		assertThat(body).isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(3);
		assertThat(this.registry.retry(host()).metrics().successfulWithRetry()).isEqualTo(1);
	}

	@Test
	void failureClassesOfTheRetryDefaultsDoNotReplaceTheHttpRules() {
		Map<String, String> defaults = Map.of("resilience.retry.defaults.retry-on", "java.lang.IllegalStateException",
				"resilience.circuit-breaker.defaults.record-on", "java.lang.IllegalStateException");
		ResilienceProperties properties = new Binder(new MapConfigurationPropertySource(defaults))
			.bindOrCreate("resilience", Bindable.of(ResilienceProperties.class));
		ResilienceRegistry configured = new ResilienceRegistry(new PropertiesConfigSource(properties), this.clock,
				this.clock, Runnable::run);
		this.server.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(200));
		RestClient client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(configured, HttpGuardPolicy.defaults()))
			.build();
		assertThat(client.get().uri(this.server.url("/stock")).retrieve().body(String.class)).isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(3);
		assertThat(configured.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(2);
		assertThat(configured.retry(host()).metrics().retryAttempts()).isEqualTo(2);
	}

	@Test
	void retriesEndingOnAStatusHandTheLastResponseToTheClient() {
		this.server.answering((n) -> Answer.status(503));
		assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
			.isThrownBy(() -> client(HttpGuardPolicy.defaults()).get().uri(this.server.url("/stock")).retrieve()
				.body(String.class));
		assertThat(this.server.requests()).hasSize(3);
	}

	@Test
	void statusNotListedIsNotRetriedButRecordedByTheBreaker() {
		this.server.answering((n) -> Answer.status(500));
		assertThatExceptionOfType(HttpServerErrorException.class)
			.isThrownBy(() -> client(HttpGuardPolicy.defaults()).get().uri(this.server.url("/stock")).retrieve()
				.body(String.class));
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void clientErrorIsNeitherRetriedNorAFailureOfTheBreaker() {
		this.server.answering((n) -> Answer.status(404));
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> client(HttpGuardPolicy.defaults()).get().uri(this.server.url("/stock")).retrieve()
				.body(String.class));
		assertThat(this.server.requests()).hasSize(1);
		CircuitBreaker.Metrics metrics = this.registry.circuitBreaker(host()).metrics();
		assertThat(metrics.bufferedCalls()).isEqualTo(1);
		assertThat(metrics.failedCalls()).isZero();
	}

	@Test
	void postWithoutIdempotencyKeyIsNotRetriedOnStatus() {
		this.server.answering((n) -> Answer.status(503));
		HttpGuardPolicy noKeys = new HttpGuardPolicy(HttpGuardPolicy.defaults().methods(),
				HttpGuardPolicy.defaults().statuses(), null, null);
		assertThatExceptionOfType(HttpServerErrorException.class)
			.isThrownBy(() -> client(noKeys).post().uri(this.server.url("/orders")).body("order").retrieve()
				.body(String.class));
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.server.requests().get(0).header("Idempotency-Key")).isNull();
	}

	@Test
	void postIsRetriedWithTheSameIdempotencyKeyAndBodyOnEveryAttempt() {
		this.server.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(201));
		client(HttpGuardPolicy.defaults()).post().uri(this.server.url("/invoices")).body("invoice 7").retrieve()
			.toBodilessEntity();
		List<LoopbackServer.Seen> requests = this.server.requests();
		assertThat(requests).hasSize(3);
		String key = requests.get(0).header("Idempotency-Key");
		assertThat(key).isNotBlank();
		assertThat(requests).allSatisfy((seen) -> {
			assertThat(seen.header("Idempotency-Key")).isEqualTo(key);
			assertThat(seen.body()).isEqualTo("invoice 7");
		});
	}

	@Test
	void retryAfterInSecondsSetsTheDelay() {
		this.server.answering((n) -> (n == 1) ? Answer.status(429, "Retry-After", "2") : Answer.status(200));
		client(HttpGuardPolicy.defaults()).get().uri(this.server.url("/rates")).retrieve().toBodilessEntity();
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterAsHttpDateSetsTheDelay() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime
			.ofInstant(java.time.Instant.ofEpochMilli(this.clock.currentTimeMillis()), ZoneOffset.UTC)
			.plusSeconds(3));
		this.server.answering((n) -> (n == 1) ? Answer.status(503, "Retry-After", date) : Answer.status(200));
		client(HttpGuardPolicy.defaults()).get().uri(this.server.url("/rates")).retrieve().toBodilessEntity();
		assertThat(this.clock.sleeps()).hasSize(1);
		assertThat(this.clock.sleeps().get(0)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
	}

	@Test
	void refusedConnectionIsRetriedForAnyMethod() throws IOException {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		HttpGuardPolicy noKeys = new HttpGuardPolicy(HttpGuardPolicy.defaults().methods(),
				HttpGuardPolicy.defaults().statuses(), null, null);
		assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(() -> client(noKeys).post()
			.uri("http://localhost:" + deadPort + "/orders")
			.body("order")
			.retrieve()
			.toBodilessEntity());
		assertThat(this.registry.retry("localhost:" + deadPort).metrics().failedWithRetry()).isEqualTo(1);
		assertThat(this.registry.retry("localhost:" + deadPort).metrics().retryAttempts()).isEqualTo(2);
	}

	@Test
	void readTimeoutIsRetriedOnlyForRepeatableRequests() throws InterruptedException {
		this.server.answering((n) -> (n == 1) ? Answer.status(200) : Answer.never());
		HttpGuardPolicy noKeys = new HttpGuardPolicy(HttpGuardPolicy.defaults().methods(),
				HttpGuardPolicy.defaults().statuses(), null, null);
		RestClient client = client(noKeys, Duration.ofMillis(500));
		// a first answered request warms the client up, so that the timed ones are surely sent
		client.get().uri(this.server.url("/orders")).retrieve().toBodilessEntity();
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> client.post().uri(this.server.url("/orders")).body("order").retrieve().toBodilessEntity());
		assertThat(this.server.awaitRequests(2)).hasSize(2);
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/orders")).retrieve().toBodilessEntity());
		assertThat(this.server.awaitRequests(5)).hasSize(5);
	}

	@Test
	void breakerOfOneHostOpensWhileAnotherHostKeepsWorking() throws IOException {
		try (LoopbackServer healthy = new LoopbackServer()) {
			this.server.answering((n) -> Answer.status(500));
			RestClient client = client(HttpGuardPolicy.defaults());
			for (int i = 0; i < 10; i++) {
				assertThatExceptionOfType(HttpServerErrorException.class)
					.isThrownBy(() -> client.get().uri(this.server.url("/broken")).retrieve().toBodilessEntity());
			}
			assertThat(this.registry.circuitBreaker(host()).state()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThatExceptionOfType(CallNotPermittedException.class)
				.isThrownBy(() -> client.get().uri(this.server.url("/broken")).retrieve().toBodilessEntity())
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(host()));
			assertThat(this.server.requests()).hasSize(10);
			assertThat(client.get().uri(healthy.url("/fine")).retrieve().body(String.class)).isEqualTo("status 200");
		}
	}

	@Test
	void insideARetryingCallOnlyOneAttemptIsMade() {
		this.server.answering((n) -> Answer.status(503));
		OuterCall outer = new OuterCall();
		RetryContext previous = outer.enterForTest();
		try {
			assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> client(HttpGuardPolicy.defaults())
				.post()
				.uri(this.server.url("/invoices"))
				.body("x")
				.retrieve()
				.toBodilessEntity());
		}
		finally {
			RetryContext.restore(previous);
		}
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.server.requests().get(0).header("Idempotency-Key")).isEqualTo(outer.idempotencyKey());
	}

	@Test
	void remainingTimeOfTheDeadlineIsSentAndASpentDeadlineSendsNothing() {
		RestClient client = client(HttpGuardPolicy.defaults());
		try (Deadline.Scope scope = Deadline.within(Duration.ofMillis(300), this.clock).attach()) {
			client.get().uri(this.server.url("/time")).retrieve().toBodilessEntity();
			assertThat(this.server.requests().get(0).header("X-Request-Timeout")).isEqualTo("300");
			this.clock.advance(Duration.ofMillis(300));
			assertThatExceptionOfType(TimeLimitExceededException.class)
				.isThrownBy(() -> client.get().uri(this.server.url("/time")).retrieve().toBodilessEntity());
		}
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void failureOfTheRestOfTheChainIsReportedToTheBreakerAndPassedOn() {
		RestClient client = RestClient.builder()
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, HttpGuardPolicy.defaults()))
			.requestInterceptor((request, body, execution) -> {
				throw new IllegalStateException("broken interceptor");
			})
			.build();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/stock")).retrieve().toBodilessEntity());
		assertThat(this.registry.circuitBreaker(host()).metrics().bufferedCalls()).isEqualTo(1);
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void uncheckedIoErrorOfTheRestOfTheChainIsATransportFailureRetriedAndRecorded() {
		RestClient client = RestClient.builder()
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, HttpGuardPolicy.defaults()))
			.requestInterceptor((request, body, execution) -> {
				throw new UncheckedIOException(new IOException("reset"));
			})
			.build();
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/stock")).retrieve().toBodilessEntity())
			.withMessageContaining("reset");
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isEqualTo(2);
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(3);
	}

	@Test
	void transportErrorWithACycleOfCausesIsRecordedWithoutHanging() {
		HttpGuardPolicy noKeys = new HttpGuardPolicy(HttpGuardPolicy.defaults().methods(),
				HttpGuardPolicy.defaults().statuses(), null, null);
		RestClient client = RestClient.builder()
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, noKeys))
			.requestInterceptor((request, body, execution) -> {
				IOException reset = new IOException("reset");
				IllegalStateException wrapper = new IllegalStateException("wrapper");
				reset.initCause(wrapper);
				wrapper.initCause(reset);
				throw reset;
			})
			.build();
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(
						() -> client.post().uri(this.server.url("/orders")).body("order").retrieve().toBodilessEntity()));
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void hostNameIsHostAndPortAsTheUrlWritesThem() {
		assertThat(HostGuards.hostName(java.net.URI.create("https://api.example.com/x")))
			.isEqualTo("api.example.com");
		assertThat(HostGuards.hostName(java.net.URI.create("http://localhost:8081/x")))
			.isEqualTo("localhost:8081");
	}

	private String host() {
		return "localhost:" + this.server.port();
	}

	private RestClient client(HttpGuardPolicy policy) {
		return client(policy, Duration.ofSeconds(10));
	}

	private RestClient client(HttpGuardPolicy policy, Duration readTimeout) {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		factory.setReadTimeout(readTimeout);
		return RestClient.builder()
			.requestFactory(factory)
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, policy))
			.build();
	}

	private static LoopbackServer server() {
		try {
			return new LoopbackServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class OuterCall extends RetryContext {

		@Override
		public int attempt() {
			return 1;
		}

		RetryContext enterForTest() {
			return enter(this);
		}

	}

}
