package dev.resilience.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.resilience.cloud.ResilienceCircuitBreakerFilterFactory;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Cloud Gateway (WebFlux) application with the starter and no code of its own for
 * circuit breaking: the routes' {@code CircuitBreaker} filter runs on the registry's breakers
 * and time limiters, configured by {@code resilience.*}, over real HTTP to a service on loopback.
 * Timeouts run on a scheduler the test fires, so no test waits for real time.
 */
@SpringBootTest(classes = GatewayCircuitBreakerTests.GatewayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
			"spring.cloud.gateway.server.webflux.routes[0].id=inventory",
			"spring.cloud.gateway.server.webflux.routes[0].uri=${service.url}",
			"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/inventory/**",
			"spring.cloud.gateway.server.webflux.routes[0].filters[0]=CircuitBreaker=inventory",
			"spring.cloud.gateway.server.webflux.routes[1].id=orders",
			"spring.cloud.gateway.server.webflux.routes[1].uri=${service.url}",
			"spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/orders/**",
			"spring.cloud.gateway.server.webflux.routes[1].filters[0].name=CircuitBreaker",
			"spring.cloud.gateway.server.webflux.routes[1].filters[0].args.name=orders",
			"spring.cloud.gateway.server.webflux.routes[1].filters[0].args.statusCodes[0]=503",
			"spring.cloud.gateway.server.webflux.routes[2].id=prices",
			"spring.cloud.gateway.server.webflux.routes[2].uri=${service.url}",
			"spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/prices/**",
			"spring.cloud.gateway.server.webflux.routes[2].filters[0].name=CircuitBreaker",
			"spring.cloud.gateway.server.webflux.routes[2].filters[0].args.name=prices",
			"spring.cloud.gateway.server.webflux.routes[2].filters[0].args.statusCodes[0]=503",
			"spring.cloud.gateway.server.webflux.routes[2].filters[0].args.fallbackUri=forward:/cached-prices",
			"spring.cloud.gateway.server.webflux.routes[3].id=reports",
			"spring.cloud.gateway.server.webflux.routes[3].uri=${service.url}",
			"spring.cloud.gateway.server.webflux.routes[3].predicates[0]=Path=/reports/**",
			"spring.cloud.gateway.server.webflux.routes[3].filters[0]=CircuitBreaker=reports",
			"resilience.circuit-breaker.instances.orders.minimum-calls=2",
			"resilience.circuit-breaker.instances.orders.failure-rate-threshold=50",
			"resilience.time-limiter.instances.reports.timeout=2s" })
class GatewayCircuitBreakerTests {

	private static final Service SERVICE = Service.start();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private SpringCloudCircuitBreakerFilterFactory filterFactory;

	@Autowired
	private FiredByTest scheduler;

	@DynamicPropertySource
	static void serviceUrl(DynamicPropertyRegistry properties) {
		properties.add("service.url", SERVICE::url);
	}

	@AfterAll
	static void stopService() {
		SERVICE.stop();
	}

	@Test
	void routeRunsThroughTheBreakerOfItsName() throws Exception {
		assertThat(this.filterFactory).isInstanceOf(ResilienceCircuitBreakerFilterFactory.class);
		HttpResponse<String> response = get("/inventory/sku-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("answer to /inventory/sku-1");
		CircuitBreaker.Metrics metrics = this.registry.circuitBreaker("inventory").metrics();
		assertThat(metrics.bufferedCalls()).isOne();
		assertThat(metrics.failedCalls()).isZero();
	}

	@Test
	void failuresOpenTheBreakerWhichThenAnswers503WithoutCallingTheService() throws Exception {
		SERVICE.failing("/orders/");
		// a status the route names as a failure is an error without a fallback, answered as Gateway does
		assertThat(get("/orders/1").statusCode()).isEqualTo(500);
		assertThat(get("/orders/2").statusCode()).isEqualTo(500);
		CircuitBreaker breaker = this.registry.circuitBreaker("orders");
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.metrics().failedCalls()).isEqualTo(2);
		assertThat(SERVICE.requests("/orders/")).isEqualTo(2);

		HttpResponse<String> rejected = get("/orders/3");
		assertThat(rejected.statusCode()).isEqualTo(503);
		assertThat(SERVICE.requests("/orders/")).isEqualTo(2);
		assertThat(breaker.metrics().notPermittedCalls()).isOne();
	}

	@Test
	void fallbackUriAnswersWhenTheServiceFails() throws Exception {
		SERVICE.failing("/prices/");
		HttpResponse<String> response = get("/prices/sku-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("cached prices");
		assertThat(this.registry.circuitBreaker("prices").metrics().failedCalls()).isOne();
	}

	@Test
	void configuredTimeLimitAnswers504() throws Exception {
		SERVICE.hanging("/reports/");
		CompletableFuture<HttpResponse<String>> response = this.client.sendAsync(request("/reports/monthly"),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(5)).until(() -> SERVICE.requests("/reports/") == 1);
		assertThat(this.scheduler.delays()).contains(Duration.ofSeconds(2));
		this.scheduler.fireAll();
		assertThat(response.get().statusCode()).isEqualTo(504);
		assertThat(this.registry.timeLimiter("reports").metrics().timedOut()).isOne();
		assertThat(this.registry.circuitBreaker("reports").metrics().failedCalls()).isOne();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApplication {

		@Bean
		FiredByTest scheduler() {
			return new FiredByTest();
		}

		@RestController
		static class CachedPrices {

			@GetMapping("/cached-prices")
			String cachedPrices() {
				return "cached prices";
			}

		}

	}

	/**
	 * Keeps the timers the starter sets until the test fires them.
	 */
	static final class FiredByTest implements DelayScheduler {

		private final List<Runnable> tasks = new CopyOnWriteArrayList<>();

		private final List<Duration> delays = new CopyOnWriteArrayList<>();

		@Override
		public Cancellable schedule(Runnable task, long delayNanos) {
			this.tasks.add(task);
			this.delays.add(Duration.ofNanos(delayNanos));
			return () -> this.tasks.remove(task);
		}

		List<Duration> delays() {
			return this.delays;
		}

		void fireAll() {
			for (Runnable task : this.tasks) {
				this.tasks.remove(task);
				task.run();
			}
		}

	}

	/**
	 * The service behind the routes: answers every path, or fails (503) or hangs on those the test
	 * names, and counts the requests per path prefix.
	 */
	static final class Service {

		private final HttpServer server;

		private final List<String> failing = new CopyOnWriteArrayList<>();

		private final List<String> hanging = new CopyOnWriteArrayList<>();

		private final List<String> received = new CopyOnWriteArrayList<>();

		private final CountDownLatch stopped = new CountDownLatch(1);

		private Service(HttpServer server) {
			this.server = server;
		}

		static Service start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				Service service = new Service(server);
				server.createContext("/", service::answer);
				server.setExecutor(Executors.newCachedThreadPool());
				server.start();
				return service;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		void failing(String prefix) {
			this.failing.add(prefix);
		}

		void hanging(String prefix) {
			this.hanging.add(prefix);
		}

		int requests(String prefix) {
			return (int) this.received.stream().filter((path) -> path.startsWith(prefix)).count();
		}

		void stop() {
			this.stopped.countDown();
			this.server.stop(0);
		}

		private void answer(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			this.received.add(path);
			try (exchange) {
				if (this.hanging.stream().anyMatch(path::startsWith)) {
					this.stopped.await();
					return;
				}
				boolean fail = this.failing.stream().anyMatch(path::startsWith);
				byte[] body = (fail ? "unavailable" : "answer to " + path).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
				exchange.getResponseBody().write(body);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
