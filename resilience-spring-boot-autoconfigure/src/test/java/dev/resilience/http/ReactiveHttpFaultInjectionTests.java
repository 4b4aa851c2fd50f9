package dev.resilience.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.resilience.core.ConfigSource;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.FaultConfig;
import dev.resilience.core.Faults;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Faults injected into a {@code WebClient}'s requests to one host, over real loopback HTTP: what
 * the server received, what the host's retry and breaker made of each fault, and what the caller
 * got back. Delays, injected latency included, run on a manual scheduler that the test moves on
 * once the guard has scheduled them, so that no test waits for real time.
 */
class ReactiveHttpFaultInjectionTests {

	private static final HttpGuardPolicy NO_KEYS = new HttpGuardPolicy(HttpGuardPolicy.defaults().methods(),
			HttpGuardPolicy.defaults().statuses(), null, null);

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler manual = new ManualScheduler(this.clock);

	private final Semaphore scheduled = new Semaphore(0);

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run, signalling());

	private final LoopbackServer server = LoopbackServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void injectedStatusReachesNoServerAndIsRetriedAfterItsRetryAfterUntilRetriesEnd() throws Exception {
		WebClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(503).retryAfter(Duration.ofSeconds(2)).build()));
		CompletableFuture<String> body = get(client, "/stock").toFuture();
		runNextDelay();
		runNextDelay();
		assertThat(failure(body)).isInstanceOf(WebClientResponseException.ServiceUnavailable.class)
			.hasMessageContaining(this.server.url("/stock"));
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.manual.delays()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
		assertThat(this.registry.retry(host()).metrics().failedWithRetry()).isEqualTo(1);
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(3);
	}

	@Test
	void injectedStatusAnswersWithItsRetryAfterInWholeSecondsAndAnEmptyBody() {
		WebClient client = client(NO_KEYS,
				faults(FaultConfig.builder().status(429).retryAfter(Duration.ofMillis(1500)).build()));
		List<Object> answer = client.post()
			.uri(this.server.url("/orders"))
			.bodyValue("order")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> List.<Object>of(response.statusCode().value(),
						String.valueOf(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER)), text)))
			.block();
		assertThat(answer).containsExactly(429, "2", "");
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void injectedIoExceptionIsRetriedForAGetAndRecordedByTheBreaker() throws Exception {
		WebClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().exception(IOException.class).build()));
		CompletableFuture<String> body = get(client, "/stock").toFuture();
		runNextDelay();
		runNextDelay();
		assertThat(failure(body)).as("as the exchange's own I/O failures arrive")
			.isInstanceOf(WebClientRequestException.class)
			.cause()
			.isExactlyInstanceOf(IOException.class)
			.hasMessageContaining("Fault injected");
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isEqualTo(2);
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(3);
	}

	@Test
	void injectedIoExceptionIsNotRetriedForAPostWithoutIdempotencyKey() throws Exception {
		WebClient client = client(NO_KEYS, faults(FaultConfig.builder().exception(IOException.class).build()));
		assertThat(failure(post(client, "/orders", "order").toFuture())).isInstanceOf(WebClientRequestException.class)
			.cause()
			.isExactlyInstanceOf(IOException.class);
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isZero();
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
		assertThat(this.manual.delays()).isEmpty();
	}

	@Test
	void statusAtHalfTheRequestsAnswersAboutHalfAndTheServerSeesTheRest() {
		int requests = 200;
		WebClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(404).statusRate(0.5).build(), new Random(7)::nextDouble));
		int injectedAnswers = 0;
		for (int i = 0; i < requests; i++) {
			Integer status = client.get()
				.uri(this.server.url("/stock"))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block();
			injectedAnswers += (status == 404) ? 1 : 0;
		}
		// four standard deviations of the binomial distribution either side
		assertThat(injectedAnswers).isCloseTo(requests / 2, within(28));
		assertThat(this.server.requests()).hasSize(requests - injectedAnswers);
	}

	@Test
	void eachAttemptDrawsTheFaultsAgain() throws Exception {
		// the first attempt draws the status, the second does not
		Iterator<Double> draws = List.of(0.1, 0.9).iterator();
		WebClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(503).statusRate(0.5).build(), draws::next));
		CompletableFuture<String> body = get(client, "/stock").toFuture();
		runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.registry.retry(host()).metrics().successfulWithRetry()).isEqualTo(1);
	}

	@Test
	void injectedLatencyDelaysTheRequestOnTheScheduler() throws Exception {
		WebClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().latency(Duration.ofSeconds(3)).build()));
		CompletableFuture<String> body = get(client, "/stock").toFuture();
		assertThat(this.scheduled.tryAcquire(10, TimeUnit.SECONDS)).as("the latency was scheduled").isTrue();
		assertThat(this.manual.delays()).containsExactly(Duration.ofSeconds(3));
		this.manual.advance(Duration.ofMillis(2999));
		assertThat(body).isNotDone();
		assertThat(this.server.requests()).isEmpty();
		this.manual.advance(Duration.ofMillis(1));
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void latencyComesBeforeTheExceptionWhichFailsTheDelayedAttempt() throws Exception {
		WebClient client = client(NO_KEYS, faults(FaultConfig.builder()
			.latency(Duration.ofSeconds(1))
			.exception(IOException.class)
			.status(503)
			.build()));
		CompletableFuture<String> body = post(client, "/orders", "order").toFuture();
		runNextDelay();
		assertThat(failure(body)).isInstanceOf(WebClientRequestException.class)
			.cause()
			.isExactlyInstanceOf(IOException.class);
		assertThat(this.manual.delays()).containsExactly(Duration.ofSeconds(1));
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void cancellingDuringInjectedLatencySendsNothingAndHandsThePermitBack() throws Exception {
		WebClient client = client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().latency(Duration.ofSeconds(3)).build()));
		Disposable call = get(client, "/stock").subscribe();
		assertThat(this.scheduled.tryAcquire(10, TimeUnit.SECONDS)).as("the latency was scheduled").isTrue();
		call.dispose();
		assertThat(this.manual.pending()).isZero();
		this.manual.advance(Duration.ofSeconds(3));
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.registry.circuitBreaker(host()).metrics().bufferedCalls()).isZero();
	}

	@Test
	void faultsOfOneHostDoNotTouchAnother() {
		try (LoopbackServer other = LoopbackServer.start()) {
			WebClient client = client(HttpGuardPolicy.defaults(),
					faults(FaultConfig.builder().exception(IOException.class).status(503).build()));
			assertThat(get(client, other.url("/fine")).block()).isEqualTo("status 200");
			assertThat(other.requests()).hasSize(1);
		}
	}

	@Test
	void withoutFaultsOrWithNoneForTheHostEveryRequestIsSent() {
		WebClient withoutFaults = client(HttpGuardPolicy.defaults(), null);
		assertThat(get(withoutFaults, "/stock").block()).isEqualTo("status 200");
		WebClient noneForTheHost = client(HttpGuardPolicy.defaults(),
				new Faults(Map.of(), this.registry.events(), this.clock));
		assertThat(get(noneForTheHost, "/stock").block()).isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(2);
		assertThat(this.manual.delays()).isEmpty();
	}

	/** Waits until the guard has scheduled its next delay, then lets that delay pass. */
	private void runNextDelay() throws InterruptedException {
		assertThat(this.scheduled.tryAcquire(10, TimeUnit.SECONDS)).as("a delay was scheduled").isTrue();
		List<Duration> delays = this.manual.delays();
		this.manual.advance(delays.get(delays.size() - 1));
	}

	private DelayScheduler signalling() {
		return (task, delayNanos) -> {
			DelayScheduler.Cancellable cancellable = this.manual.schedule(task, delayNanos);
			this.scheduled.release();
			return cancellable;
		};
	}

	private Mono<String> get(WebClient client, String uri) {
		return client.get()
			.uri(uri.startsWith("http") ? uri : this.server.url(uri))
			.retrieve()
			.bodyToMono(String.class);
	}

	private Mono<String> post(WebClient client, String uri, String body) {
		return client.post().uri(this.server.url(uri)).bodyValue(body).retrieve().bodyToMono(String.class);
	}

	private static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
		try {
			future.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no outcome within 10s", ex);
		}
		throw new AssertionError("expected a failure");
	}

	private String host() {
		return "localhost:" + this.server.port();
	}

	private Faults faults(FaultConfig config) {
		return new Faults(Map.of(host(), config), this.registry.events(), this.clock);
	}

	private Faults faults(FaultConfig config, DoubleSupplier random) {
		return new Faults(Map.of(host(), config), this.registry.events(), this.clock, random);
	}

	private WebClient client(HttpGuardPolicy policy, @Nullable Faults faults) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		return WebClient.builder()
			.clientConnector(new JdkClientHttpConnector(http))
			.filter(new ResilienceExchangeFilterFunction(this.registry, policy, faults))
			.build();
	}

}
