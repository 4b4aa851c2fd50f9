package dev.resilience.http;

import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retried response gives its connection back: over a pool of one connection, calls that are
 * each retried complete one after another instead of waiting forever for the connection.
 */
class RetriedResponsesReleaseConnectionsTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	private final LoopbackServer server = LoopbackServer.start()
		.answering((n) -> (n % 2 == 1) ? Answer.status(503) : Answer.status(200));

	private final PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
		.setMaxConnTotal(1)
		.setMaxConnPerRoute(1)
		.build();

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	@Timeout(value = 20, unit = TimeUnit.SECONDS)
	void tenRetriedCallsInARowOverOneConnectionComplete() {
		// half the answers fail: the breaker would open on them, and only the connections matter here
		this.registry.circuitBreaker("localhost:" + this.server.port()).transitionTo(CircuitBreaker.State.DISABLED);
		// no automatic retries of the client's own: the guard is the only layer that retries
		CloseableHttpClient http = HttpClients.custom()
			.setConnectionManager(this.pool)
			.disableAutomaticRetries()
			.build();
		RestClient client = RestClient.builder()
			.requestFactory(new HttpComponentsClientHttpRequestFactory(http))
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, HttpGuardPolicy.defaults()))
			.build();
		for (int i = 0; i < 10; i++) {
			assertThat(client.get().uri(this.server.url("/stock")).retrieve().body(String.class))
				.isEqualTo("status 200");
		}
		assertThat(this.server.requests()).hasSize(20);
		assertThat(this.registry.retry("localhost:" + this.server.port()).metrics().successfulWithRetry())
			.isEqualTo(10);
		assertThat(this.pool.getTotalStats().getLeased()).isZero();
	}

}
