package dev.resilience.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.Retryable;
import dev.resilience.core.ManualClock;
import dev.resilience.http.LoopbackServer;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries at one layer: an annotated retrying method that calls a guarded client retries, the
 * client's guard inside it makes one attempt per call and sends the method's idempotency key.
 */
class RetryableCallOverGuardedClientTests {

	private final LoopbackServer server = LoopbackServer.start()
		.answering((n) -> (n <= 3) ? Answer.status(503) : Answer.status(200));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceHttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class))
		.withPropertyValues("resilience.http.enabled=true", "spring.http.clients.imperative.factory=JDK",
				"invoices.url=" + this.server.url("/invoices"))
		.withBean(ManualClock.class)
		.withBean(Invoices.class);

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void runWhenARetryingMethodCallsAGuardedClientShouldRetryAtOneLayerWithOneKey() {
		this.runner.run((context) -> {
			Invoices invoices = context.getBean(Invoices.class);
			assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class).isThrownBy(invoices::send);
			List<LoopbackServer.Seen> requests = this.server.requests();
			assertThat(requests).hasSize(3);
			String key = requests.get(0).header("Idempotency-Key");
			assertThat(key).isNotBlank();
			assertThat(requests).allSatisfy((seen) -> assertThat(seen.header("Idempotency-Key")).isEqualTo(key));
		});
	}

	static class Invoices {

		private final RestClient client;

		private final String url;

		Invoices(RestClient.Builder builder, Environment environment) {
			this.client = builder.build();
			this.url = environment.getRequiredProperty("invoices.url");
		}

		@Retryable(maxAttempts = 3)
		public void send() {
			this.client.post().uri(this.url).body("invoice 7").retrieve().toBodilessEntity();
		}

	}

}
