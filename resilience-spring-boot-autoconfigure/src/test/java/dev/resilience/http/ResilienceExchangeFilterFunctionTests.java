package dev.resilience.http;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.function.client.support.ClientResponseWrapper;

import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.Deadline;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryContext;
import dev.resilience.core.TimeLimitExceededException;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The WebClient guard over real loopback HTTP: what is retried, how many requests the server saw,
 * which headers it received and what the caller gets back. Delays run on a manual scheduler that
 * the test moves on once the guard has scheduled them, so that no test waits for a delay.
 */
class ResilienceExchangeFilterFunctionTests {

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
	void idempotentRequestIsRetriedOnListedStatusUntilItSucceeds() throws Exception {
		this.server.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(200));
		CompletableFuture<String> body = client(HttpGuardPolicy.defaults()).get()
			.uri(this.server.url("/stock"))
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		runNextDelay();
		runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.server.requests()).hasSize(3);
		assertThat(this.registry.retry(host()).metrics().successfulWithRetry()).isEqualTo(1);
	}

	@Test
	void retriesEndingOnAStatusHandTheLastResponseToTheClient() throws Exception {
		this.server.answering((n) -> Answer.status(503));
		CompletableFuture<String> body = client(HttpGuardPolicy.defaults()).get()
			.uri(this.server.url("/stock"))
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		runNextDelay();
		runNextDelay();
		assertThat(failure(body)).isInstanceOf(WebClientResponseException.ServiceUnavailable.class);
		assertThat(this.server.requests()).hasSize(3);
		assertThat(this.manual.pending()).isZero();
	}

	@Test
	void clientErrorIsNeitherRetriedNorAFailureOfTheBreaker() {
		this.server.answering((n) -> Answer.status(404));
		assertThatExceptionOfType(WebClientResponseException.NotFound.class)
			.isThrownBy(() -> get(client(HttpGuardPolicy.defaults()), "/stock").block());
		assertThat(this.server.requests()).hasSize(1);
		CircuitBreaker.Metrics metrics = this.registry.circuitBreaker(host()).metrics();
		assertThat(metrics.bufferedCalls()).isEqualTo(1);
		assertThat(metrics.failedCalls()).isZero();
	}

	@Test
	void postWithoutIdempotencyKeyIsNotRetriedOnStatus() {
		this.server.answering((n) -> Answer.status(503));
		assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
			.isThrownBy(() -> post(client(NO_KEYS), "/orders", "order").block());
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.server.requests().get(0).header("Idempotency-Key")).isNull();
	}

	@Test
	void postIsRetriedWithTheSameIdempotencyKeyAndBodyOnEveryAttempt() throws Exception {
		this.server.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(201));
		CompletableFuture<String> body = post(client(HttpGuardPolicy.defaults()), "/invoices", "invoice 7").toFuture();
		runNextDelay();
		runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 201");
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
	void retryAfterInSecondsSetsTheDelay() throws Exception {
		this.server.answering((n) -> (n == 1) ? Answer.status(429, "Retry-After", "2") : Answer.status(200));
		CompletableFuture<String> body = get(client(HttpGuardPolicy.defaults()), "/rates").toFuture();
		runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.manual.delays()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterAsHttpDateSetsTheDelay() throws Exception {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(this.clock.currentTimeMillis()), ZoneOffset.UTC)
				.plusSeconds(3));
		this.server.answering((n) -> (n == 1) ? Answer.status(503, "Retry-After", date) : Answer.status(200));
		CompletableFuture<String> body = get(client(HttpGuardPolicy.defaults()), "/rates").toFuture();
		runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.manual.delays()).singleElement()
			.satisfies((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3)));
	}

	@Test
	void refusedConnectionIsRetriedForAnyMethodAndEndsWithTheClientsException() throws Exception {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		CompletableFuture<String> body = post(client(NO_KEYS), "http://localhost:" + deadPort + "/orders", "order")
			.toFuture();
		runNextDelay();
		runNextDelay();
		assertThat(failure(body)).isInstanceOf(WebClientRequestException.class);
		assertThat(this.registry.retry("localhost:" + deadPort).metrics().failedWithRetry()).isEqualTo(1);
		assertThat(this.registry.retry("localhost:" + deadPort).metrics().retryAttempts()).isEqualTo(2);
	}

	@Test
	void breakerOfOneHostOpensWhileAnotherHostKeepsWorking() {
		try (LoopbackServer healthy = LoopbackServer.start()) {
			this.server.answering((n) -> Answer.status(500));
			WebClient client = client(HttpGuardPolicy.defaults());
			for (int i = 0; i < 10; i++) {
				assertThatExceptionOfType(WebClientResponseException.InternalServerError.class)
					.isThrownBy(() -> get(client, "/broken").block());
			}
			assertThat(this.registry.circuitBreaker(host()).state()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThatExceptionOfType(CallNotPermittedException.class)
				.isThrownBy(() -> get(client, "/broken").block())
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(host()));
			assertThat(this.server.requests()).hasSize(10);
			assertThat(get(client, healthy.url("/fine")).block()).isEqualTo("status 200");
		}
	}

	@Test
	void cancelledAttemptHandsItsHalfOpenPermitBack() throws InterruptedException {
		this.registry.circuitBreaker(host(), (builder) -> builder.minimumCalls(1)
			.slidingWindowSize(1)
			.halfOpenCalls(1)
			.waitInOpen(Duration.ofSeconds(1))
			.transientFailures(HttpAttemptFailure::isRecorded));
		this.server.answering((n) -> switch (n) {
			case 1 -> Answer.status(500);
			case 2 -> Answer.never();
			default -> Answer.status(200);
		});
		WebClient client = client(HttpGuardPolicy.defaults());
		assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(() -> get(client, "/trial").block());
		this.clock.advance(Duration.ofSeconds(1));
		Disposable trial = get(client, "/trial").subscribe();
		this.server.awaitRequests(2);
		trial.dispose();
		assertThat(get(client, "/trial").block()).isEqualTo("status 200");
		assertThat(this.registry.circuitBreaker(host()).state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void halfOpenTrialThatEndsWithoutAResponseHandsItsPermitBack() {
		CircuitBreaker breaker = halfOpenAfterOneFailure();
		AtomicBoolean swallow = new AtomicBoolean(true);
		WebClient client = client(HttpGuardPolicy.defaults(),
				(request, next) -> swallow.getAndSet(false) ? Mono.empty() : next.exchange(request));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> get(client, "/trial").block());
		assertThat(get(client, "/trial").block()).isEqualTo("status 200");
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void halfOpenTrialWhoseResponseCannotBeReadHasAnOutcome() {
		CircuitBreaker breaker = halfOpenAfterOneFailure();
		AtomicBoolean unreadable = new AtomicBoolean(true);
		WebClient client = client(HttpGuardPolicy.defaults(), (request, next) -> next.exchange(request)
			.map((response) -> unreadable.getAndSet(false) ? new UnreadableStatus(response) : response));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> get(client, "/trial").block())
			.withMessage("unreadable status");
		assertThat(breaker.state()).isNotEqualTo(CircuitBreaker.State.HALF_OPEN);
	}

	@Test
	void failureWithACycleOfCausesIsReportedWithoutHangingTheCaller() {
		IllegalStateException failure = new IllegalStateException("a");
		IllegalArgumentException cause = new IllegalArgumentException("b");
		failure.initCause(cause);
		cause.initCause(failure);
		WebClient client = client(HttpGuardPolicy.defaults(), (request, next) -> Mono.error(failure));
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> get(client, "/stock").block()));
		assertThat(this.registry.circuitBreaker(host()).metrics().bufferedCalls()).isEqualTo(1);
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void insideARetryingCallOnlyOneAttemptIsMadeWithTheCallsKey() {
		this.server.answering((n) -> Answer.status(503));
		OuterCall outer = new OuterCall();
		RetryContext previous = outer.enterForTest();
		try {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> post(client(HttpGuardPolicy.defaults()), "/invoices", "x").block());
		}
		finally {
			RetryContext.restore(previous);
		}
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.server.requests().get(0).header("Idempotency-Key")).isEqualTo(outer.idempotencyKey());
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void remainingTimeOfTheDeadlineIsSentAndASpentDeadlineSendsNothing() {
		WebClient client = client(HttpGuardPolicy.defaults());
		try (Deadline.Scope scope = Deadline.within(Duration.ofMillis(300), this.clock).attach()) {
			get(client, "/time").block();
			assertThat(this.server.requests().get(0).header("X-Request-Timeout")).isEqualTo("300");
			this.clock.advance(Duration.ofMillis(300));
			assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(() -> get(client, "/time").block());
		}
		assertThat(this.server.requests()).hasSize(1);
	}

	/**
	 * Makes the breaker of the server's host half-open with one trial call, after one call that
	 * the server answered with 500; the server answers 200 from then on.
	 */
	private CircuitBreaker halfOpenAfterOneFailure() {
		CircuitBreaker breaker = this.registry.circuitBreaker(host(), (builder) -> builder.minimumCalls(1)
			.slidingWindowSize(1)
			.halfOpenCalls(1)
			.waitInOpen(Duration.ofSeconds(1))
			.transientFailures(HttpAttemptFailure::isRecorded));
		this.server.answering((n) -> (n == 1) ? Answer.status(500) : Answer.status(200));
		assertThatExceptionOfType(WebClientResponseException.class)
			.isThrownBy(() -> get(client(HttpGuardPolicy.defaults()), "/trial").block());
		this.clock.advance(Duration.ofSeconds(1));
		return breaker;
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
		return client.get().uri(uri.startsWith("http") ? uri : this.server.url(uri)).retrieve().bodyToMono(String.class);
	}

	private Mono<String> post(WebClient client, String uri, String body) {
		return client.post()
			.uri(uri.startsWith("http") ? uri : this.server.url(uri))
			.bodyValue(body)
			.retrieve()
			.bodyToMono(String.class);
	}

	private static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
		try {
			future.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new AssertionError("no outcome within 10s", ex);
		}
		throw new AssertionError("expected a failure");
	}

	private String host() {
		return "localhost:" + this.server.port();
	}

	private WebClient client(HttpGuardPolicy policy) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		return WebClient.builder()
			.clientConnector(new JdkClientHttpConnector(http))
			.filter(new ResilienceExchangeFilterFunction(this.registry, policy))
			.build();
	}

	private WebClient client(HttpGuardPolicy policy, ExchangeFilterFunction after) {
		return client(policy).mutate().filter(after).build();
	}

	/** A response whose status cannot be read, as a broken connector or filter might give. */
	private static final class UnreadableStatus extends ClientResponseWrapper {

		UnreadableStatus(ClientResponse response) {
			super(response);
		}

		@Override
		public HttpStatusCode statusCode() {
			throw new IllegalStateException("unreadable status");
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
