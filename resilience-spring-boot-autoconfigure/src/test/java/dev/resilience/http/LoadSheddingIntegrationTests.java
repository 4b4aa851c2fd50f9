package dev.resilience.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load shedding in a running servlet application, over real HTTP on a loopback port: requests
 * beyond the limit {@code inbound} are answered 503 while health still answers, and every slot
 * comes back once the requests in flight, blocking or asynchronous, end.
 */
@SpringBootTest(classes = LoadSheddingIntegrationTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "resilience.load-shedding.enabled=true", "resilience.concurrency-limit.instances.inbound.limit=2",
				"management.endpoints.web.exposure.include=health,concurrencylimits" })
@Timeout(60)
class LoadSheddingIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(PATIENCE)
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private Gate gate;

	@BeforeEach
	void closeTheGate() {
		this.gate.close();
	}

	@AfterEach
	void everySlotComesBack() {
		this.gate.open();
		await().atMost(PATIENCE).until(() -> inbound().inFlight() == 0);
	}

	@Test
	void requestBeyondTheLimitIsShedWhileHealthAnswers() throws Exception {
		CompletableFuture<HttpResponse<String>> first = send("/slow");
		CompletableFuture<HttpResponse<String>> second = send("/slow");
		await().atMost(PATIENCE).until(() -> this.gate.waiting() == 2);
		assertThat(inbound().inFlight()).isEqualTo(2);

		HttpResponse<String> shed = get("/slow");
		assertThat(shed.statusCode()).isEqualTo(503);
		assertThat(shed.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(shed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(shed.body()).isEqualTo(LoadSheddingFilterTests.SHED_BODY);
		assertThat(this.gate.waiting()).isEqualTo(2);

		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		HttpResponse<String> limits = get("/actuator/concurrencylimits/inbound");
		assertThat(limits.statusCode()).isEqualTo(200);
		assertThat(limits.body()).contains("\"limit\":2", "\"inFlight\":2");

		this.gate.open();
		assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		await().atMost(PATIENCE).until(() -> inbound().inFlight() == 0);
		assertThat(get("/slow").statusCode()).isEqualTo(200);
	}

	@Test
	void asynchronousRequestsKeepTheirSlotsUntilTheirResponsesAreSent() throws Exception {
		CompletableFuture<HttpResponse<String>> first = send("/deferred");
		CompletableFuture<HttpResponse<String>> second = send("/deferred");
		// both requests have left the filter chain, their handlers returned, their answers pending
		await().atMost(PATIENCE).until(() -> this.gate.asyncDispatchesEnded() == 2);
		assertThat(inbound().inFlight()).isEqualTo(2);
		assertThat(get("/deferred").statusCode()).isEqualTo(503);

		this.gate.open();
		assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("done");
		assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("done");
		await().atMost(PATIENCE).until(() -> inbound().inFlight() == 0);
	}

	private ConcurrencyLimit inbound() {
		return this.registry.findConcurrencyLimit("inbound").orElseThrow();
	}

	private CompletableFuture<HttpResponse<String>> send(String path) {
		return this.client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(PATIENCE).build();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Gate gate() {
			return new Gate();
		}

		@Bean
		GatedController gatedController(Gate gate) {
			return new GatedController(gate);
		}

		/** Outside every other filter: counts the requests whose first dispatch ended asynchronous. */
		@Bean
		FilterRegistrationBean<Filter> asyncDispatchCounter(Gate gate) {
			Filter counter = (request, response, chain) -> {
				chain.doFilter(request, response);
				if (request.isAsyncStarted()) {
					gate.asyncDispatchesEnded.incrementAndGet();
				}
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(counter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/**
	 * Holds the handlers until a test opens it.
	 */
	static class Gate {

		private volatile CountDownLatch latch = new CountDownLatch(1);

		private volatile CompletableFuture<String> answer = new CompletableFuture<>();

		private final AtomicInteger waiting = new AtomicInteger();

		private final AtomicInteger asyncDispatchesEnded = new AtomicInteger();

		void close() {
			this.latch = new CountDownLatch(1);
			this.answer = new CompletableFuture<>();
			this.waiting.set(0);
			this.asyncDispatchesEnded.set(0);
		}

		void open() {
			this.latch.countDown();
			this.answer.complete("done");
		}

		int waiting() {
			return this.waiting.get();
		}

		int asyncDispatchesEnded() {
			return this.asyncDispatchesEnded.get();
		}

		String pass() throws InterruptedException {
			this.waiting.incrementAndGet();
			return this.latch.await(30, TimeUnit.SECONDS) ? "done" : "timed out";
		}

		CompletableFuture<String> answer() {
			return this.answer;
		}

	}

	@RestController
	static class GatedController {

		private final Gate gate;

		GatedController(Gate gate) {
			this.gate = gate;
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			return this.gate.pass();
		}

		@GetMapping("/deferred")
		CompletableFuture<String> deferred() {
			return this.gate.answer();
		}

	}

}
