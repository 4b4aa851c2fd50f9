package dev.resilience.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.core.FaultConfig;
import dev.resilience.core.Faults;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceListener;
import dev.resilience.http.LoopbackServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResilienceHttpClientAutoConfiguration} hands the {@link Faults} bean, where one exists, to
 * the guards of clients built from Boot's builders: a host's injected status answers both clients
 * without a request reaching its server.
 */
class HttpClientFaultInjectionAutoConfigurationTests {

	private final LoopbackServer server = LoopbackServer.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceHttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("resilience.http.enabled=true", "spring.http.clients.imperative.factory=JDK")
		.withBean(ManualClock.class);

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void runWhenFaultsAreEnabledShouldInjectTheFaultsOfAHostIntoBothClients() {
		this.runner.withPropertyValues("resilience.faults.enabled=true")
			.withBean(Faults.class, this::notFoundFaults)
			.run((context) -> {
				assertThat(statuses(context)).containsExactly(404, 404);
				assertThat(this.server.requests()).isEmpty();
			});
	}

	@Test
	void runWhenFaultsAreNotEnabledShouldIgnoreAFaultsBean() {
		this.runner.withBean(Faults.class, this::notFoundFaults).run((context) -> {
			assertThat(statuses(context)).containsExactly(200, 200);
			assertThat(this.server.requests()).hasSize(2);
		});
	}

	private Faults notFoundFaults() {
		return new Faults(Map.of(host(), FaultConfig.builder().status(404).build()), new ResilienceListener() {
		}, new ManualClock());
	}

	@Test
	void runWhenNoFaultsBeanExistsShouldSendEveryRequest() {
		this.runner.run((context) -> {
			assertThat(statuses(context)).containsExactly(200, 200);
			assertThat(this.server.requests()).hasSize(2);
		});
	}

	/** Returns the statuses that a RestClient and a WebClient built from Boot's builders get. */
	private Integer[] statuses(ApplicationContext context) {
		RestClient restClient = context.getBean(RestClient.Builder.class).build();
		Integer status = restClient.get()
			.uri(this.server.url("/stock"))
			.exchange((request, response) -> response.getStatusCode().value());
		WebClient webClient = context.getBean(WebClient.Builder.class).build();
		Integer reactiveStatus = webClient.get()
			.uri(this.server.url("/stock"))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block();
		return new Integer[] { status, reactiveStatus };
	}

	private String host() {
		return "localhost:" + this.server.port();
	}

}
