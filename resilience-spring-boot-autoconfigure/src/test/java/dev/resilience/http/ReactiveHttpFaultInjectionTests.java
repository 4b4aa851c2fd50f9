package dev.resilience.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.resilience.core.FaultConfig;
import dev.resilience.core.Faults;

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

	private final WebClientGuardRig rig = new WebClientGuardRig();

	@AfterEach
	void close() {
		this.rig.close();
	}

	@Test
	void injectedStatusReachesNoServerAndIsRetriedAfterItsRetryAfterUntilRetriesEnd() throws Exception {
		WebClient client = this.rig.client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(503).retryAfter(Duration.ofSeconds(2)).build()));
		CompletableFuture<String> body = this.rig.get(client, "/stock").toFuture();
		this.rig.runNextDelay();
		this.rig.runNextDelay();
		assertThat(WebClientGuardRig.failure(body)).isInstanceOf(WebClientResponseException.ServiceUnavailable.class)
			.hasMessageContaining(this.rig.server.url("/stock"));
		assertThat(this.rig.server.requests()).isEmpty();
		assertThat(this.rig.manual.delays()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
		assertThat(this.rig.registry.retry(this.rig.host()).metrics().failedWithRetry()).isEqualTo(1);
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).metrics().failedCalls()).isEqualTo(3);
	}

	@Test
	void injectedStatusAnswersWithItsRetryAfterInWholeSecondsAndAnEmptyBody() {
		WebClient client = this.rig.client(NO_KEYS,
				faults(FaultConfig.builder().status(429).retryAfter(Duration.ofMillis(1500)).build()));
		List<Object> answer = client.post()
			.uri(this.rig.server.url("/orders"))
			.bodyValue("order")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> List.<Object>of(response.statusCode().value(),
						String.valueOf(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER)), text)))
			.block();
		assertThat(answer).containsExactly(429, "2", "");
		assertThat(this.rig.server.requests()).isEmpty();
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).metrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void injectedIoExceptionIsRetriedForAGetAndRecordedByTheBreaker() throws Exception {
		WebClient client = this.rig.client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().exception(IOException.class).build()));
		CompletableFuture<String> body = this.rig.get(client, "/stock").toFuture();
		this.rig.runNextDelay();
		this.rig.runNextDelay();
		assertThat(WebClientGuardRig.failure(body)).as("as the exchange's own I/O failures arrive")
			.isInstanceOf(WebClientRequestException.class)
			.cause()
			.isExactlyInstanceOf(IOException.class)
			.hasMessageContaining("Fault injected");
		assertThat(this.rig.server.requests()).isEmpty();
		assertThat(this.rig.registry.retry(this.rig.host()).metrics().retryAttempts()).isEqualTo(2);
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).metrics().failedCalls()).isEqualTo(3);
	}

	@Test
	void injectedIoExceptionIsNotRetriedForAPostWithoutIdempotencyKey() throws Exception {
		WebClient client = this.rig.client(NO_KEYS, faults(FaultConfig.builder().exception(IOException.class).build()));
		CompletableFuture<String> order = this.rig.post(client, "/orders", "order").toFuture();
		assertThat(WebClientGuardRig.failure(order)).isInstanceOf(WebClientRequestException.class)
			.cause()
			.isExactlyInstanceOf(IOException.class);
		assertThat(this.rig.server.requests()).isEmpty();
		assertThat(this.rig.registry.retry(this.rig.host()).metrics().retryAttempts()).isZero();
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).metrics().failedCalls()).isEqualTo(1);
		assertThat(this.rig.manual.delays()).isEmpty();
	}

	@Test
	void statusAtHalfTheRequestsAnswersAboutHalfAndTheServerSeesTheRest() {
		int requests = 200;
		WebClient client = this.rig.client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(404).statusRate(0.5).build(), new Random(7)::nextDouble));
		int injectedAnswers = 0;
		for (int i = 0; i < requests; i++) {
			Integer status = client.get()
				.uri(this.rig.server.url("/stock"))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block();
			injectedAnswers += (status == 404) ? 1 : 0;
		}
		// four standard deviations of the binomial distribution either side
		assertThat(injectedAnswers).isCloseTo(requests / 2, within(28));
		assertThat(this.rig.server.requests()).hasSize(requests - injectedAnswers);
	}

	@Test
	void eachAttemptDrawsTheFaultsAgain() throws Exception {
		// the first attempt draws the status, the second does not
		Iterator<Double> draws = List.of(0.1, 0.9).iterator();
		WebClient client = this.rig.client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().status(503).statusRate(0.5).build(), draws::next));
		CompletableFuture<String> body = this.rig.get(client, "/stock").toFuture();
		this.rig.runNextDelay();
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.rig.server.requests()).hasSize(1);
		assertThat(this.rig.registry.retry(this.rig.host()).metrics().successfulWithRetry()).isEqualTo(1);
	}

	@Test
	void injectedLatencyDelaysTheRequestOnTheScheduler() throws Exception {
		WebClient client = this.rig.client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().latency(Duration.ofSeconds(3)).build()));
		CompletableFuture<String> body = this.rig.get(client, "/stock").toFuture();
		assertThat(this.rig.scheduled.tryAcquire(10, TimeUnit.SECONDS)).as("the latency was scheduled").isTrue();
		assertThat(this.rig.manual.delays()).containsExactly(Duration.ofSeconds(3));
		this.rig.manual.advance(Duration.ofMillis(2999));
		assertThat(body).isNotDone();
		assertThat(this.rig.server.requests()).isEmpty();
		this.rig.manual.advance(Duration.ofMillis(1));
		assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
		assertThat(this.rig.server.requests()).hasSize(1);
	}

	@Test
	void latencyComesBeforeTheExceptionWhichFailsTheDelayedAttempt() throws Exception {
		WebClient client = this.rig.client(NO_KEYS, faults(FaultConfig.builder()
			.latency(Duration.ofSeconds(1))
			.exception(IOException.class)
			.status(503)
			.build()));
		CompletableFuture<String> body = this.rig.post(client, "/orders", "order").toFuture();
		this.rig.runNextDelay();
		assertThat(WebClientGuardRig.failure(body)).isInstanceOf(WebClientRequestException.class)
			.cause()
			.isExactlyInstanceOf(IOException.class);
		assertThat(this.rig.manual.delays()).containsExactly(Duration.ofSeconds(1));
		assertThat(this.rig.server.requests()).isEmpty();
	}

	@Test
	void cancellingDuringInjectedLatencySendsNothingAndHandsThePermitBack() throws Exception {
		WebClient client = this.rig.client(HttpGuardPolicy.defaults(),
				faults(FaultConfig.builder().latency(Duration.ofSeconds(3)).build()));
		Disposable call = this.rig.get(client, "/stock").subscribe();
		assertThat(this.rig.scheduled.tryAcquire(10, TimeUnit.SECONDS)).as("the latency was scheduled").isTrue();
		call.dispose();
		assertThat(this.rig.manual.pending()).isZero();
		this.rig.manual.advance(Duration.ofSeconds(3));
		assertThat(this.rig.server.requests()).isEmpty();
		assertThat(this.rig.registry.circuitBreaker(this.rig.host()).metrics().bufferedCalls()).isZero();
	}

	@Test
	void faultsOfOneHostDoNotTouchAnother() {
		try (LoopbackServer other = LoopbackServer.start()) {
			WebClient client = this.rig.client(HttpGuardPolicy.defaults(),
					faults(FaultConfig.builder().exception(IOException.class).status(503).build()));
			assertThat(this.rig.get(client, other.url("/fine")).block()).isEqualTo("status 200");
			assertThat(other.requests()).hasSize(1);
		}
	}

	@Test
	void withoutFaultsOrWithNoneForTheHostEveryRequestIsSent() {
		WebClient withoutFaults = this.rig.client(HttpGuardPolicy.defaults(), null);
		assertThat(this.rig.get(withoutFaults, "/stock").block()).isEqualTo("status 200");
		WebClient noneForTheHost = this.rig.client(HttpGuardPolicy.defaults(),
				new Faults(Map.of(), this.rig.registry.events(), this.rig.clock));
		assertThat(this.rig.get(noneForTheHost, "/stock").block()).isEqualTo("status 200");
		assertThat(this.rig.server.requests()).hasSize(2);
		assertThat(this.rig.manual.delays()).isEmpty();
	}

	private Faults faults(FaultConfig config) {
		return new Faults(Map.of(this.rig.host(), config), this.rig.registry.events(), this.rig.clock);
	}

	private Faults faults(FaultConfig config, DoubleSupplier random) {
		return new Faults(Map.of(this.rig.host(), config), this.rig.registry.events(), this.rig.clock, random);
	}

}
