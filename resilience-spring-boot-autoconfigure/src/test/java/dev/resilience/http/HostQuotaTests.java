package dev.resilience.http;

import java.net.http.HttpClient;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.autoconfigure.PropertiesConfigSource;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.LimitExceededException;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.LoopbackServer.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A guarded client applies the rate limiter configured for a host's instance name, over real
 * loopback HTTP: a refused request is never sent, is not retried, and is neither a success nor a
 * failure for the host's breaker; a host without a configured rate limiter has none.
 */
class HostQuotaTests {

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final LoopbackServer server = LoopbackServer.start();

	private final ResilienceRegistry registry = new ResilienceRegistry(new PropertiesConfigSource(properties(
			Map.of("resilience.rate-limiter.instances.[" + host() + "].limit", "2",
					"resilience.rate-limiter.instances.[" + host() + "].period", "1m"))),
			this.clock, this.clock, Runnable::run, this.scheduler);

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void restClientSendsNoRequestPastTheHostsQuota() {
		this.server.answering((n) -> Answer.status(200));
		RestClient client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(this.registry, HttpGuardPolicy.defaults()))
			.build();
		for (int i = 0; i < 2; i++) {
			assertThat(client.get().uri(this.server.url("/quota")).retrieve().body(String.class)).isEqualTo("status 200");
		}
		assertThatExceptionOfType(LimitExceededException.class)
			.isThrownBy(() -> client.get().uri(this.server.url("/quota")).retrieve().body(String.class))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(host()));

		assertThat(this.server.requests()).hasSize(2);
		assertRefusalIsNeitherRetriedNorRecorded();
	}

	@Test
	void webClientSendsNoRequestPastTheHostsQuota() {
		this.server.answering((n) -> Answer.status(200));
		WebClient client = WebClient.builder()
			.clientConnector(new JdkClientHttpConnector(HttpClient.newHttpClient()))
			.filter(new ResilienceExchangeFilterFunction(this.registry, HttpGuardPolicy.defaults()))
			.build();
		for (int i = 0; i < 2; i++) {
			assertThat(client.get().uri(this.server.url("/quota")).retrieve().bodyToMono(String.class).block())
				.isEqualTo("status 200");
		}
		assertThatExceptionOfType(LimitExceededException.class).isThrownBy(
				() -> client.get().uri(this.server.url("/quota")).retrieve().bodyToMono(String.class).block());

		assertThat(this.server.requests()).hasSize(2);
		assertRefusalIsNeitherRetriedNorRecorded();
	}

	@Test
	void aHostWithoutAConfiguredRateLimiterHasNone() {
		this.server.answering((n) -> Answer.status(200));
		ResilienceRegistry unconfigured = new ResilienceRegistry(new PropertiesConfigSource(properties(Map.of())),
				this.clock, this.clock, Runnable::run, this.scheduler);
		RestClient client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
			.requestInterceptor(new ResilienceClientHttpRequestInterceptor(unconfigured, HttpGuardPolicy.defaults()))
			.build();
		for (int i = 0; i < 101; i++) {
			client.get().uri(this.server.url("/free")).retrieve().toBodilessEntity();
		}
		assertThat(this.server.requests()).hasSize(101);
		assertThat(unconfigured.findRateLimiter(host())).isEmpty();
	}

	private void assertRefusalIsNeitherRetriedNorRecorded() {
		RateLimiter rateLimiter = this.registry.findRateLimiter(host()).orElseThrow();
		assertThat(rateLimiter.metrics().permittedCalls()).isEqualTo(2);
		assertThat(rateLimiter.metrics().rejectedCalls()).isEqualTo(1);
		assertThat(this.registry.retry(host()).metrics().retryAttempts()).isZero();
		CircuitBreaker.Metrics breaker = this.registry.circuitBreaker(host()).metrics();
		assertThat(breaker.bufferedCalls()).isEqualTo(2);
		assertThat(breaker.failedCalls()).isZero();
	}

	private String host() {
		return "localhost:" + this.server.port();
	}

	private static ResilienceProperties properties(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("resilience",
				Bindable.of(ResilienceProperties.class));
	}

}
