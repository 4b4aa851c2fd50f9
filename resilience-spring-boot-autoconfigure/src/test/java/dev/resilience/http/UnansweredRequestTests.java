package dev.resilience.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A request with a body whose response never comes, over every request factory Boot offers that
 * is on the class path: some send the body and wait for the response only when the status is
 * read, after the rest of the chain returned. The read timeout is a transport failure wherever it
 * happens: recorded by the breaker, retried when the request may be repeated, and never leaves a
 * half-open breaker waiting for a trial that ended.
 */
class UnansweredRequestTests {

	private static final Duration READ_TIMEOUT = Duration.ofMillis(250);

	private static final HttpGuardPolicy NO_KEYS = new HttpGuardPolicy(HttpGuardPolicy.defaults().methods(),
			HttpGuardPolicy.defaults().statuses(), null, null);

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	private final LoopbackServer server = LoopbackServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("factories")
	void halfOpenTrialThatGetsNoResponseOpensTheBreakerAgain(String name,
			ClientHttpRequestFactoryBuilder<?> factory) {
		CircuitBreaker breaker = this.registry.circuitBreaker(host(), (builder) -> builder.minimumCalls(1)
			.slidingWindowSize(1)
			.halfOpenCalls(1)
			.waitInOpen(Duration.ofSeconds(1))
			.transientFailures(HttpAttemptFailure::isRecorded));
		this.server.answering((n) -> (n == 1) ? Answer.status(500) : Answer.never());
		RestClient client = client(factory, NO_KEYS);
		assertThatExceptionOfType(HttpServerErrorException.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/orders")).retrieve().toBodilessEntity());
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		this.clock.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> client.post().uri(this.server.url("/orders")).body("order").retrieve().toBodilessEntity());
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("factories")
	void repeatableRequestThatGetsNoResponseIsRetriedAndEveryAttemptRecorded(String name,
			ClientHttpRequestFactoryBuilder<?> factory) throws InterruptedException {
		this.server.answering((n) -> Answer.never());
		RestClient client = client(factory, HttpGuardPolicy.defaults());
		assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(
				() -> client.post().uri(this.server.url("/invoices")).body("invoice 7").retrieve().toBodilessEntity());
		assertThat(this.server.awaitRequests(3)).hasSize(3)
			.allSatisfy((seen) -> assertThat(seen.body()).isEqualTo("invoice 7"));
		assertThat(this.registry.retry(host()).metrics().failedWithRetry()).isEqualTo(1);
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isEqualTo(2);
		assertThat(this.registry.circuitBreaker(host()).metrics().failedCalls()).isEqualTo(3);
	}

	static List<Arguments> factories() {
		List<Arguments> factories = new ArrayList<>();
		factories.add(Arguments.of("simple", ClientHttpRequestFactoryBuilder.simple()));
		factories.add(Arguments.of("jdk", ClientHttpRequestFactoryBuilder.jdk()));
		ClassLoader classLoader = UnansweredRequestTests.class.getClassLoader();
		if (ClassUtils.isPresent("org.apache.hc.client5.http.impl.classic.HttpClients", classLoader)) {
			factories.add(Arguments.of("httpComponents", ClientHttpRequestFactoryBuilder.httpComponents()));
		}
		if (ClassUtils.isPresent("org.eclipse.jetty.client.HttpClient", classLoader)) {
			factories.add(Arguments.of("jetty", ClientHttpRequestFactoryBuilder.jetty()));
		}
		if (ClassUtils.isPresent("reactor.netty.http.client.HttpClient", classLoader)) {
			factories.add(Arguments.of("reactor", ClientHttpRequestFactoryBuilder.reactor()));
		}
		return factories;
	}

	private RestClient client(ClientHttpRequestFactoryBuilder<?> builder, HttpGuardPolicy policy) {
		ClientHttpRequestFactory factory = builder
			.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(2), READ_TIMEOUT));
		return RestClient.builder()
			.requestFactory(factory)
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, policy))
			.build();
	}

	private String host() {
		return "localhost:" + this.server.port();
	}

}
