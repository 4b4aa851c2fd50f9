package dev.resilience.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.AfterEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.resilience.core.ConfigSource;
import dev.resilience.core.FaultConfig;
import dev.resilience.core.Faults;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Sleeper;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Faults injected into a {@code RestClient}'s requests to one host, over real loopback HTTP: what
 * the server received, what the host's retry and breaker made of each fault, and what the client
 * got back.
 */
class HttpFaultInjectionTests {

	private static final HttpGuardPolicy NO_KEYS = new HttpGuardPolicy(HttpGuardPolicy.defaults().methods(),
			HttpGuardPolicy.defaults().statuses(), null, null);

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	private final List<String> injected = new CopyOnWriteArrayList<>();

	private final ResilienceListener events = new ResilienceListener() {

		@Override
		public void onFaultInjected(String name, Fault fault) {
			HttpFaultInjectionTests.this.injected.add(name + " " + fault);
		}

	};

	private final LoopbackServer server = LoopbackServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void injectedStatusReachesNoServerAndIsRetriedAfterItsRetryAfterUntilRetriesEnd() {
		RestClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(503).retryAfter(Duration.ofSeconds(2)).build()));
		assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/stock")).retrieve().body(String.class));
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
		assertThat(this.registry.retry(host()).metrics().failedWithRetry()).isEqualTo(1);
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(3);
		assertThat(this.injected).containsExactly(host() + " STATUS", host() + " STATUS", host() + " STATUS");
	}

	@Test
	void injectedStatusAnswersWithItsRetryAfterInWholeSecondsAndAnEmptyBody() {
		RestClient client = client(NO_KEYS,
				faults(FaultConfig.builder().status(429).retryAfter(Duration.ofMillis(1500)).build()));
		List<Object> answer = client.post()
			.uri(this.server.url("/orders"))
			.body("order")
			.exchange((request, response) -> List.of(response.getStatusCode().value(),
					String.valueOf(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)),
					new String(response.getBody().readAllBytes())));
		assertThat(answer).containsExactly(429, "2", "");
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void injectedIoExceptionIsRetriedForAGetAndRecordedByTheBreaker() {
		RestClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().exception(IOException.class).build()));
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/stock")).retrieve().toBodilessEntity())
			.havingCause()
			.isExactlyInstanceOf(IOException.class)
			.withMessageContaining("Fault injected");
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isEqualTo(2);
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(3);
	}

	@Test
	void injectedIoExceptionIsNotRetriedForAPostWithoutIdempotencyKey() {
		RestClient client = client(NO_KEYS, faults(FaultConfig.builder().exception(IOException.class).build()));
		assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(
				() -> client.post().uri(this.server.url("/orders")).body("order").retrieve().toBodilessEntity());
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isZero();
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void injectedUncheckedExceptionReachesTheCallerAsItIs() {
		RestClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().exception(IllegalStateException.class).build()));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/stock")).retrieve().toBodilessEntity());
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isZero();
	}

	@Test
	void statusAtHalfTheRequestsAnswersAboutHalfAndTheServerSeesTheRest() {
		int requests = 200;
		RestClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(404).statusRate(0.5).build(), new Random(7)::nextDouble));
		int injectedAnswers = 0;
		for (int i = 0; i < requests; i++) {
			int status = client.get()
				.uri(this.server.url("/stock"))
				.exchange((request, response) -> response.getStatusCode().value());
			injectedAnswers += (status == 404) ? 1 : 0;
		}
		// four standard deviations of the binomial distribution either side
		assertThat(injectedAnswers).isCloseTo(requests / 2, within(28));
		assertThat(this.server.requests()).hasSize(requests - injectedAnswers);
	}

	@Test
	void eachAttemptDrawsTheFaultsAgain() {
		// the first attempt draws the status, the second does not
		Iterator<Double> draws = List.of(0.1, 0.9).iterator();
		RestClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(503).statusRate(0.5).build(), draws::next));
		assertThat(client.get().uri(this.server.url("/stock")).retrieve().body(String.class)).isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.registry.retry(host()).metrics().successfulWithRetry()).isEqualTo(1);
	}

	@Test
	void injectedLatencyIsSpentOnTheSleeperBeforeTheRequestIsSent() {
		RestClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().latency(Duration.ofSeconds(3)).build()));
		assertThat(client.get().uri(this.server.url("/stock")).retrieve().body(String.class)).isEqualTo("status 200");
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(3));
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void latencyComesBeforeTheExceptionAndTheExceptionBeforeTheStatus() {
		RestClient client = client(NO_KEYS, faults(FaultConfig.builder()
			.latency(Duration.ofSeconds(1))
			.exception(IOException.class)
			.status(503)
			.build()));
		assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(
				() -> client.post().uri(this.server.url("/orders")).body("order").retrieve().toBodilessEntity());
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(1));
		assertThat(this.injected).containsExactly(host() + " LATENCY", host() + " EXCEPTION");
	}

	@Test
	void interruptDuringInjectedLatencyEndsTheAttemptAsAnInterruptedRequest() {
		Sleeper interrupted = (nanos) -> {
			throw new InterruptedException();
		};
		Faults faults = new Faults(Map.of(host(), FaultConfig.builder().latency(Duration.ofSeconds(1)).build()),
				this.events, interrupted);
		try {
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> client(NO_KEYS, faults).post()
					.uri(this.server.url("/orders"))
					.body("order")
					.retrieve()
					.toBodilessEntity())
				.withCauseInstanceOf(InterruptedIOException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void faultsOfOneHostDoNotTouchAnother() {
		try (LoopbackServer other = LoopbackServer.start()) {
			RestClient client = client(HttpGuardPolicy.defaults(),
					faults(FaultConfig.builder().exception(IOException.class).status(503).build()));
			assertThat(client.get().uri(other.url("/fine")).retrieve().body(String.class)).isEqualTo("status 200");
			assertThat(other.requests()).hasSize(1);
			assertThat(this.injected).isEmpty();
		}
	}

	@Test
	void withoutFaultsOrWithNoneForTheHostEveryRequestIsSent() {
		this.server.answering((n) -> (n == 1) ? Answer.status(503) : Answer.status(200));
		RestClient withoutFaults = client(HttpGuardPolicy.defaults(), null);
		assertThat(withoutFaults.get().uri(this.server.url("/stock")).retrieve().body(String.class))
			.isEqualTo("status 200");
		RestClient noneForTheHost = client(HttpGuardPolicy.defaults(),
				new Faults(Map.of(), this.events, this.clock));
		assertThat(noneForTheHost.get().uri(this.server.url("/stock")).retrieve().body(String.class))
			.isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(3);
	}

	private String host() {
		return "localhost:" + this.server.port();
	}

	private Faults faults(FaultConfig config) {
		return new Faults(Map.of(host(), config), this.events, this.clock);
	}

	private Faults faults(FaultConfig config, DoubleSupplier random) {
		return new Faults(Map.of(host(), config), this.events, this.clock, random);
	}

	private RestClient client(HttpGuardPolicy policy, @Nullable Faults faults) {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		factory.setReadTimeout(Duration.ofSeconds(10));
		return RestClient.builder()
			.requestFactory(factory)
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, policy, faults))
			.build();
	}

}
