package dev.resilience.http;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.function.client.support.ClientResponseWrapper;

import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Deadline;
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

	private final WebClientGuardRig rig = new WebClientGuardRig();

	@AfterEach
	void close() {
		this.rig.close();
	}

	@Test
	void idempotentRequestIsRetriedOnListedStatusUntilItSucceeds() throws Exception {
		this.rig.server.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(200));
		CompletableFuture<String> body = this.rig.client(HttpGuardPolicy.defaults()).get()
			.uri(this.rig.server.url("/stock"))
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		this.rig.runNextDelay();
		this.rig.runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.rig.server.requests()).hasSize(3);
		assertThat(this.rig.registry.retry(this.rig.host()).metrics().successfulWithRetry()).isEqualTo(1);
	}

	@Test
	void retriesEndingOnAStatusHandTheLastResponseToTheClient() throws Exception {
		this.rig.server.answering((n) -> Answer.status(503));
		CompletableFuture<String> body = this.rig.client(HttpGuardPolicy.defaults()).get()
			.uri(this.rig.server.url("/stock"))
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		this.rig.runNextDelay();
		this.rig.runNextDelay();
		assertThat(WebClientGuardRig.failure(body)).isInstanceOf(WebClientResponseException.ServiceUnavailable.class);
		assertThat(this.rig.server.requests()).hasSize(3);
		assertThat(this.rig.manual.pending()).isZero();
	}

	@Test
	void clientErrorIsNeitherRetriedNorAFailureOfTheBreaker() {
		this.rig.server.answering((n) -> Answer.status(404));
		assertThatExceptionOfType(WebClientResponseException.NotFound.class)
			.isThrownBy(() -> this.rig.get(this.rig.client(HttpGuardPolicy.defaults()), "/stock").block());
		assertThat(this.rig.server.requests()).hasSize(1);
		CircuitBreaker.Metrics metrics = this.rig.registry.circuitBreaker(this.rig.host()).metrics();
		assertThat(metrics.bufferedCalls()).isEqualTo(1);
		assertThat(metrics.failedCalls()).isZero();
	}

	@Test
	void postWithoutIdempotencyKeyIsNotRetriedOnStatus() {
		this.rig.server.answering((n) -> Answer.status(503));
		assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
			.isThrownBy(() -> this.rig.post(this.rig.client(NO_KEYS), "/orders", "order").block());
		assertThat(this.rig.server.requests()).hasSize(1);
		assertThat(this.rig.server.requests().get(0).header("Idempotency-Key")).isNull();
	}

	@Test
	void postIsRetriedWithTheSameIdempotencyKeyAndBodyOnEveryAttempt() throws Exception {
		this.rig.server.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(201));
		WebClient client = this.rig.client(HttpGuardPolicy.defaults());
		CompletableFuture<String> body = this.rig.post(client, "/invoices", "invoice 7").toFuture();
		this.rig.runNextDelay();
		this.rig.runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 201");
		List<LoopbackServer.Seen> requests = this.rig.server.requests();
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
		this.rig.server.answering((n) -> (n == 1) ? Answer.status(429, "Retry-After", "2") : Answer.status(200));
		CompletableFuture<String> body = this.rig.get(this.rig.client(HttpGuardPolicy.defaults()), "/rates").toFuture();
		this.rig.runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.rig.manual.delays()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterAsHttpDateSetsTheDelay() throws Exception {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(this.rig.clock.currentTimeMillis()), ZoneOffset.UTC)
				.plusSeconds(3));
		this.rig.server.answering((n) -> (n == 1) ? Answer.status(503, "Retry-After", date) : Answer.status(200));
		CompletableFuture<String> body = this.rig.get(this.rig.client(HttpGuardPolicy.defaults()), "/rates").toFuture();
		this.rig.runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.rig.manual.delays()).singleElement()
			.satisfies((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3)));
	}

	@Test
	void refusedConnectionIsRetriedForAnyMethodAndEndsWithTheClientsException() throws Exception {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		String deadServer = "http://localhost:" + deadPort + "/orders";
		CompletableFuture<String> body = this.rig.post(this.rig.client(NO_KEYS), deadServer, "order")
			.toFuture();
		this.rig.runNextDelay();
		this.rig.runNextDelay();
		assertThat(WebClientGuardRig.failure(body)).isInstanceOf(WebClientRequestException.class);
		assertThat(this.rig.registry.retry("localhost:" + deadPort).metrics().failedWithRetry()).isEqualTo(1);
		assertThat(this.rig.registry.retry("localhost:" + deadPort).metrics().retryAttempts()).isEqualTo(2);
	}

	@Test
	void breakerOfOneHostOpensWhileAnotherHostKeepsWorking() {
		try (LoopbackServer healthy = LoopbackServer.start()) {
			this.rig.server.answering((n) -> Answer.status(500));
			WebClient client = this.rig.client(HttpGuardPolicy.defaults());
			for (int i = 0; i < 10; i++) {
				assertThatExceptionOfType(WebClientResponseException.InternalServerError.class)
					.isThrownBy(() -> this.rig.get(client, "/broken").block());
			}
			assertThat(this.rig.registry.circuitBreaker(this.rig.host()).state()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThatExceptionOfType(CallNotPermittedException.class)
				.isThrownBy(() -> this.rig.get(client, "/broken").block())
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(this.rig.host()));
			assertThat(this.rig.server.requests()).hasSize(10);
			assertThat(this.rig.get(client, healthy.url("/fine")).block()).isEqualTo("status 200");
		}
	}

	@Test
	void cancelledAttemptHandsItsHalfOpenPermitBack() throws InterruptedException {
		this.rig.registry.circuitBreaker(this.rig.host(), (builder) -> builder.minimumCalls(1)
			.slidingWindowSize(1)
			.halfOpenCalls(1)
			.waitInOpen(Duration.ofSeconds(1))
			.transientFailures(HttpAttemptFailure::isRecorded));
		this.rig.server.answering((n) -> switch (n) {
			case 1 -> Answer.status(500);
			case 2 -> Answer.never();
			default -> Answer.status(200);
		});
		WebClient client = this.rig.client(HttpGuardPolicy.defaults());
		assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(() -> this.rig.get(client, "/trial").block());
		this.rig.clock.advance(Duration.ofSeconds(1));
		Disposable trial = this.rig.get(client, "/trial").subscribe();
		this.rig.server.awaitRequests(2);
		trial.dispose();
		assertThat(this.rig.get(client, "/trial").block()).isEqualTo("status 200");
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void halfOpenTrialThatEndsWithoutAResponseHandsItsPermitBack() {
		CircuitBreaker breaker = halfOpenAfterOneFailure();
		AtomicBoolean swallow = new AtomicBoolean(true);
		WebClient client = clientWith(HttpGuardPolicy.defaults(),
				(request, next) -> swallow.getAndSet(false) ? Mono.empty() : next.exchange(request));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.rig.get(client, "/trial").block());
		assertThat(this.rig.get(client, "/trial").block()).isEqualTo("status 200");
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void halfOpenTrialWhoseResponseCannotBeReadHasAnOutcome() {
		CircuitBreaker breaker = halfOpenAfterOneFailure();
		AtomicBoolean unreadable = new AtomicBoolean(true);
		WebClient client = clientWith(HttpGuardPolicy.defaults(), (request, next) -> next.exchange(request)
			.map((response) -> unreadable.getAndSet(false) ? new UnreadableStatus(response) : response));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.rig.get(client, "/trial").block())
			.withMessage("unreadable status");
		assertThat(breaker.state()).isNotEqualTo(CircuitBreaker.State.HALF_OPEN);
	}

	@Test
	void failureWithACycleOfCausesIsReportedWithoutHangingTheCaller() {
		IllegalStateException failure = new IllegalStateException("a");
		IllegalArgumentException cause = new IllegalArgumentException("b");
		failure.initCause(cause);
		cause.initCause(failure);
		WebClient client = clientWith(HttpGuardPolicy.defaults(), (request, next) -> Mono.error(failure));
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.rig.get(client, "/stock").block()));
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).metrics().bufferedCalls()).isEqualTo(1);
		assertThat(this.rig.server.requests()).isEmpty();
	}

	@Test
	void insideARetryingCallOnlyOneAttemptIsMadeWithTheCallsKey() {
		this.rig.server.answering((n) -> Answer.status(503));
		OuterCall outer = new OuterCall();
		RetryContext previous = outer.enterForTest();
		try {
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> this.rig.post(this.rig.client(HttpGuardPolicy.defaults()), "/invoices", "x").block());
		}
		finally {
			RetryContext.restore(previous);
		}
		assertThat(this.rig.server.requests()).hasSize(1);
		assertThat(this.rig.server.requests().get(0).header("Idempotency-Key")).isEqualTo(outer.idempotencyKey());
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void remainingTimeOfTheDeadlineIsSentAndASpentDeadlineSendsNothing() {
		WebClient client = this.rig.client(HttpGuardPolicy.defaults());
		try (Deadline.Scope scope = Deadline.within(Duration.ofMillis(300), this.rig.clock).attach()) {
			this.rig.get(client, "/time").block();
			assertThat(this.rig.server.requests().get(0).header("X-Request-Timeout")).isEqualTo("300");
			this.rig.clock.advance(Duration.ofMillis(300));
			assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(() -> this.rig.get(client, "/time").block());
		}
		assertThat(this.rig.server.requests()).hasSize(1);
	}

	/**
	 * Makes the breaker of the server's host half-open with one trial call, after one call that
	 * the server answered with 500; the server answers 200 from then on.
	 */
	private CircuitBreaker halfOpenAfterOneFailure() {
		CircuitBreaker breaker = this.rig.registry.circuitBreaker(this.rig.host(), (builder) -> builder.minimumCalls(1)
			.slidingWindowSize(1)
			.halfOpenCalls(1)
			.waitInOpen(Duration.ofSeconds(1))
			.transientFailures(HttpAttemptFailure::isRecorded));
		this.rig.server.answering((n) -> (n == 1) ? Answer.status(500) : Answer.status(200));
		assertThatExceptionOfType(WebClientResponseException.class)
			.isThrownBy(() -> this.rig.get(this.rig.client(HttpGuardPolicy.defaults()), "/trial").block());
		this.rig.clock.advance(Duration.ofSeconds(1));
		return breaker;
	}

	private WebClient clientWith(HttpGuardPolicy policy, ExchangeFilterFunction after) {
		return this.rig.client(policy).mutate().filter(after).build();
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
