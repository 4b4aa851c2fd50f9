package dev.resilience.cloud;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import feign.FeignException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSpringCloudAutoConfiguration;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A real OpenFeign client, over real HTTP to a server on a loopback port, runs through the
 * starter's circuit breakers once {@code spring.cloud.openfeign.circuitbreaker.enabled=true}:
 * the application's {@link CircuitBreakerFactory} is ours, each call is counted by the
 * registry's breaker of the id OpenFeign names (by default the alphanumeric form of
 * {@code Client#method(Args)}, {@code InventoryClientstockString}; with
 * {@code alphanumeric-ids.enabled=false} the form with {@code #} and parentheses, which
 * {@code resilience.circuit-breaker.instances.[...]} configures), the breaker opened by the
 * server's errors rejects the next call before it reaches the server, and a Feign fallback
 * factory answers with the failure our breaker saw. A 503 is a transient failure, as for
 * Spring's clients; a 500 counts as a success unless {@code record-on} names Feign's exception. The auto-configurations are
 * ordered by Spring Boot's sorter as in an application.
 */
@Timeout(30)
class OpenFeignCircuitBreakerTests {

	/** The id OpenFeign 5 gives {@link InventoryClient#stock} by default (alphanumeric ids). */
	private static final String ALPHANUMERIC_ID = "InventoryClientstockString";

	/** The id {@code Feign.configKey} gives it, used with alphanumeric ids disabled. */
	private static final String CONFIG_KEY_ID = "InventoryClient#stock(String)";

	private InventoryServer server;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeEach
	void startServer() throws IOException {
		this.server = InventoryServer.start();
	}

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.server.close();
	}

	@Test
	void successfulCallIsCountedByOurBreakerOfTheIdOpenFeignGives() {
		ConfigurableApplicationContext context = start(InventoryApplication.class);
		assertThat(context.getBean(CircuitBreakerFactory.class)).isInstanceOf(ResilienceCircuitBreakerFactory.class);
		InventoryClient client = context.getBean(InventoryClient.class);
		assertThat(client.stock("sku-1")).isEqualTo("7 of sku-1");
		assertThat(client.stock("sku-2")).isEqualTo("7 of sku-2");
		assertThat(this.server.requests()).hasValue(2);
		ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
		CircuitBreaker.Metrics metrics = registry.findCircuitBreaker(ALPHANUMERIC_ID).orElseThrow().metrics();
		assertThat(metrics.bufferedCalls()).isEqualTo(2);
		assertThat(metrics.failedCalls()).isZero();
		assertThat(registry.findCircuitBreaker(CONFIG_KEY_ID)).isEmpty();
		assertThat(registry.findCircuitBreaker("inventory")).isEmpty();
	}

	@Test
	void serverErrorCountsAsASuccessUnlessRecordOnNamesFeignsException() {
		this.server.failing(true);
		ConfigurableApplicationContext context = start(InventoryApplication.class,
				"resilience.circuit-breaker.instances." + ALPHANUMERIC_ID + ".minimum-calls=1");
		InventoryClient client = context.getBean(InventoryClient.class);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(NoFallbackAvailableException.class).isThrownBy(() -> client.stock("sku-1"))
				.withCauseInstanceOf(FeignException.InternalServerError.class);
		}
		CircuitBreaker breaker = context.getBean(ResilienceRegistry.class)
			.findCircuitBreaker(ALPHANUMERIC_ID)
			.orElseThrow();
		assertThat(breaker.metrics().bufferedCalls()).isEqualTo(2);
		assertThat(breaker.metrics().failedCalls()).isZero();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.server.requests()).hasValue(2);
	}

	@Test
	void unavailableServerIsATransientFailureThatOpensTheBreaker() {
		this.server.failingWith(503);
		ConfigurableApplicationContext context = start(InventoryApplication.class,
				"resilience.circuit-breaker.instances." + ALPHANUMERIC_ID + ".minimum-calls=2");
		InventoryClient client = context.getBean(InventoryClient.class);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(NoFallbackAvailableException.class).isThrownBy(() -> client.stock("sku-1"))
				.withCauseInstanceOf(FeignException.ServiceUnavailable.class);
		}
		CircuitBreaker breaker = context.getBean(ResilienceRegistry.class)
			.findCircuitBreaker(ALPHANUMERIC_ID)
			.orElseThrow();
		assertThat(breaker.metrics().failedCalls()).isEqualTo(2);
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void settingsOfTheBracketedConfigKeyIdOpenTheBreakerWhichRejectsWithoutReachingTheServer() {
		this.server.failing(true);
		String instance = "resilience.circuit-breaker.instances.[" + CONFIG_KEY_ID + "].";
		ConfigurableApplicationContext context = start(InventoryApplication.class,
				"spring.cloud.openfeign.circuitbreaker.alphanumeric-ids.enabled=false", instance + "minimum-calls=2",
				instance + "failure-rate-threshold=50", instance + "record-on=feign.FeignException");
		InventoryClient client = context.getBean(InventoryClient.class);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(NoFallbackAvailableException.class).isThrownBy(() -> client.stock("sku-1"))
				.withCauseInstanceOf(FeignException.InternalServerError.class);
		}
		ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
		CircuitBreaker breaker = registry.findCircuitBreaker(CONFIG_KEY_ID).orElseThrow();
		assertThat(breaker.config().minimumCalls()).isEqualTo(2);
		assertThat(breaker.metrics().failedCalls()).isEqualTo(2);
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(registry.findCircuitBreaker(ALPHANUMERIC_ID)).isEmpty();
		this.server.failing(false);
		assertThatExceptionOfType(NoFallbackAvailableException.class).isThrownBy(() -> client.stock("sku-1"))
			.withCauseInstanceOf(CallNotPermittedException.class);
		assertThat(this.server.requests()).hasValue(2);
		assertThat(breaker.metrics().notPermittedCalls()).isOne();
	}

	@Test
	void fallbackFactoryAnswersWithTheFailureOurBreakerCountedThenWithItsRejection() {
		this.server.failing(true);
		String instance = "resilience.circuit-breaker.instances.CachedInventoryClientstockString.";
		ConfigurableApplicationContext context = start(CachedInventoryApplication.class, instance + "minimum-calls=1",
				instance + "record-on=feign.FeignException");
		CachedInventoryClient client = context.getBean(CachedInventoryClient.class);
		assertThat(client.stock("sku-1")).isEqualTo("cached sku-1 after InternalServerError");
		CircuitBreaker breaker = context.getBean(ResilienceRegistry.class)
			.findCircuitBreaker("CachedInventoryClientstockString")
			.orElseThrow();
		assertThat(breaker.metrics().failedCalls()).isOne();
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(client.stock("sku-2")).isEqualTo("cached sku-2 after CallNotPermittedException");
		assertThat(this.server.requests()).hasValue(1);
	}

	private ConfigurableApplicationContext start(Class<?> application, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AutoConfigured.class, application)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("inventory.url=http://127.0.0.1:" + this.server.port(),
					"spring.cloud.openfeign.circuitbreaker.enabled=true")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	@FeignClient(name = "inventory", url = "${inventory.url}")
	interface InventoryClient {

		@GetMapping("/stock/{sku}")
		String stock(@PathVariable("sku") String sku);

	}

	@FeignClient(name = "cached-inventory", url = "${inventory.url}", fallbackFactory = CachedInventoryFallback.class)
	interface CachedInventoryClient {

		@GetMapping("/stock/{sku}")
		String stock(@PathVariable("sku") String sku);

	}

	static class CachedInventoryFallback implements FallbackFactory<CachedInventoryClient> {

		@Override
		public CachedInventoryClient create(Throwable cause) {
			return (sku) -> "cached " + sku + " after " + cause.getClass().getSimpleName();
		}

	}

	/**
	 * The auto-configurations that meet here, ordered by Spring Boot's sorter as in an
	 * application: OpenFeign's targeter asks for a {@link CircuitBreakerFactory} bean.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ResilienceAutoConfiguration.class, ResilienceSpringCloudAutoConfiguration.class,
			FeignAutoConfiguration.class })
	static class AutoConfigured {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = InventoryClient.class)
	static class InventoryApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = CachedInventoryClient.class)
	static class CachedInventoryApplication {

		@Bean
		CachedInventoryFallback cachedInventoryFallback() {
			return new CachedInventoryFallback();
		}

	}

	/**
	 * An HTTP server on a loopback port that answers {@code GET /stock/<sku>} with 200 and a body,
	 * or with 500 (or the status asked for) while failing, and counts the requests that reach it.
	 */
	static final class InventoryServer implements AutoCloseable {

		private final HttpServer server;

		private final AtomicInteger requests = new AtomicInteger();

		private final AtomicBoolean failing = new AtomicBoolean();

		private volatile int failureStatus = 500;

		private InventoryServer(HttpServer server) {
			this.server = server;
		}

		static InventoryServer start() throws IOException {
			InventoryServer inventory = new InventoryServer(
					HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
			inventory.server.createContext("/stock/", inventory::answer);
			inventory.server.start();
			return inventory;
		}

		private void answer(HttpExchange exchange) throws IOException {
			this.requests.incrementAndGet();
			String sku = exchange.getRequestURI().getPath().substring("/stock/".length());
			boolean fail = this.failing.get();
			byte[] body = (fail ? "inventory is down" : "7 of " + sku).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
			exchange.sendResponseHeaders(fail ? this.failureStatus : 200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		AtomicInteger requests() {
			return this.requests;
		}

		void failingWith(int status) {
			this.failureStatus = status;
			this.failing.set(true);
		}

		void failing(boolean failing) {
			this.failing.set(failing);
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
