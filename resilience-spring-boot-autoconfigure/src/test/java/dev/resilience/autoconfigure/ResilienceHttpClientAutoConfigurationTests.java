package dev.resilience.autoconfigure;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import dev.resilience.core.DelayScheduler;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.ManualClock;
import dev.resilience.http.DeadlineHeaderFormat;
import dev.resilience.http.HostGuards;
import dev.resilience.http.HttpGuardPolicy;
import dev.resilience.http.LoopbackServer;
import dev.resilience.http.LoopbackServer.Answer;
import dev.resilience.http.ResilienceClientHttpRequestInterceptor;
import dev.resilience.http.ResilienceExchangeFilterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link ResilienceHttpClientAutoConfiguration}, and clients built from Boot's
 * builders calling a loopback server that answers 503 twice, then 200.
 */
class ResilienceHttpClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceHttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
		// the JDK's client retries nothing itself (Apache HttpClient 5 retries a 503 once), so
		// the server's counts show what the guard does
		.withPropertyValues("spring.http.clients.imperative.factory=JDK")
		.withBean(ManualClock.class)
		.withBean(DelayScheduler.class, () -> (task, delayNanos) -> {
			CompletableFuture.runAsync(task);
			return () -> {
			};
		});

	private final LoopbackServer server = LoopbackServer.start()
		.answering((n) -> (n < 3) ? Answer.status(503) : Answer.status(200));

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void runWhenDefaultShouldHaveTheGuardBeansButNoCustomizers() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ResilienceClientHttpRequestInterceptor.class)
			.hasSingleBean(ResilienceExchangeFilterFunction.class)
			.doesNotHaveBean("resilienceRestClientCustomizer")
			.doesNotHaveBean("resilienceWebClientCustomizer"));
	}

	@Test
	void runWhenEnabledShouldHaveCustomizers() {
		this.runner.withPropertyValues("resilience.http.enabled=true")
			.run((context) -> assertThat(context).hasBean("resilienceRestClientCustomizer")
				.getBean("resilienceRestClientCustomizer")
				.isInstanceOf(RestClientCustomizer.class));
		this.runner.withPropertyValues("resilience.http.enabled=true")
			.run((context) -> assertThat(context).hasBean("resilienceWebClientCustomizer")
				.getBean("resilienceWebClientCustomizer")
				.isInstanceOf(WebClientCustomizer.class));
	}

	@Test
	void runWhenDefaultShouldMapDefaultsIntoThePolicy() {
		this.runner.run((context) -> assertThat(context.getBean(HttpGuardPolicy.class))
			.isEqualTo(HttpGuardPolicy.defaults()));
	}

	@Test
	void runWhenPropertiesAreSetShouldMapThemIntoThePolicy() {
		this.runner
			.withPropertyValues("resilience.http.methods=get,put", "resilience.http.statuses=503,599",
					"resilience.http.idempotency-key-header=", "resilience.deadline.header=X-Deadline")
			.run((context) -> {
				HttpGuardPolicy policy = context.getBean(HttpGuardPolicy.class);
				assertThat(policy.methods()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.PUT);
				assertThat(policy.statuses()).containsExactlyInAnyOrder(503, 599);
				assertThat(policy.idempotencyKeyHeader()).isNull();
				assertThat(policy.deadlineHeader()).isEqualTo("X-Deadline");
			});
	}

	@Test
	void runWhenPropertiesAreSetShouldGuardBothClientsWithThePolicy() {
		this.runner
			.withPropertyValues("resilience.http.enabled=true",
					"resilience.http.statuses=599", "resilience.http.idempotency-key-header=")
			.run((context) -> {
				RestClient restClient = context.getBean(RestClient.Builder.class).build();
				Integer status = restClient.post()
					.uri(url("/orders"))
					.exchange((request, response) -> response.getStatusCode().value());
				WebClient webClient = context.getBean(WebClient.Builder.class).build();
				Integer reactiveStatus = webClient.post()
					.uri(url("/orders"))
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
					.block();
				assertThat(status).isEqualTo(503);
				assertThat(reactiveStatus).isEqualTo(503);
				assertThat(this.server.requests()).hasSize(2)
					.allSatisfy((seen) -> assertThat(seen.header("Idempotency-Key")).isNull());
			});
	}

	@Test
	void runWhenOutboundDeadlinesAreOffShouldSendNoDeadlineHeader() {
		this.runner.withPropertyValues("resilience.deadline.outbound=false")
			.run((context) -> assertThat(context.getBean(HttpGuardPolicy.class).deadlineHeader()).isNull());
		this.runner.withPropertyValues("resilience.deadline.enabled=false")
			.run((context) -> assertThat(context.getBean(HttpGuardPolicy.class).deadlineHeader()).isNull());
	}

	@Test
	void runWhenTheHeaderFormatIsGrpcShouldSendGrpcTimeoutUnlessAnotherHeaderIsSet() {
		this.runner.withPropertyValues("resilience.deadline.header-format=grpc").run((context) -> {
			HttpGuardPolicy policy = context.getBean(HttpGuardPolicy.class);
			assertThat(policy.deadlineHeader()).isEqualTo("grpc-timeout");
			assertThat(policy.deadlineFormat()).isEqualTo(DeadlineHeaderFormat.GRPC);
		});
		this.runner.withPropertyValues("resilience.deadline.header-format=grpc", "resilience.deadline.header=X-Deadline")
			.run((context) -> assertThat(context.getBean(HttpGuardPolicy.class).deadlineHeader()).isEqualTo("X-Deadline"));
	}

	@Test
	void runWhenAStatusIsNotAnHttpStatusShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("resilience.http.statuses=503,42")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("resilience.http.statuses")
				.hasMessageContaining("42"));
	}

	@Test
	void runWhenDefaultShouldShareOneBoundOfAThousandHostsBetweenBothGuards() {
		this.runner.run((context) -> assertThat(context).getBean(HostGuards.class)
			.satisfies((guards) -> assertThat(guards.maxHosts()).isEqualTo(1000)));
	}

	@Test
	void runWhenMaxHostsIsSetShouldBoundTheHosts() {
		this.runner.withPropertyValues("resilience.http.max-hosts=3")
			.run((context) -> assertThat(context.getBean(HostGuards.class).maxHosts()).isEqualTo(3));
	}

	@Test
	void runWhenMaxHostsIsBelowOneShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("resilience.http.max-hosts=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessage("Invalid value '0' for resilience.http.max-hosts: must be an integer of at least 1"));
	}

	@Test
	void runWhenStarterIsDisabledShouldHaveNothing() {
		this.runner.withPropertyValues("resilience.enabled=false", "resilience.http.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceClientHttpRequestInterceptor.class)
				.doesNotHaveBean(ResilienceExchangeFilterFunction.class)
				.doesNotHaveBean(HttpGuardPolicy.class)
				.doesNotHaveBean("resilienceRestClientCustomizer")
				.doesNotHaveBean("resilienceWebClientCustomizer"));
	}

	@Test
	void runWhenWebFluxIsAbsentShouldStillGuardRestClients() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
			.withPropertyValues("resilience.http.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ResilienceClientHttpRequestInterceptor.class)
				.hasBean("resilienceRestClientCustomizer")
				.doesNotHaveBean(ResilienceExchangeFilterFunction.class));
	}

	@Test
	void runWhenNotEnabledShouldLeaveBootsRestClientUnguarded() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			Integer status = client.get()
				.uri(url("/stock"))
				.exchange((request, response) -> response.getStatusCode().value());
			assertThat(status).isEqualTo(503);
			assertThat(this.server.requests()).hasSize(1);
		});
	}

	@Test
	void runWhenEnabledShouldGuardRestClientsBuiltFromBootsBuilder() {
		this.runner.withPropertyValues("resilience.http.enabled=true").run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(client.get().uri(url("/stock")).retrieve().body(String.class)).isEqualTo("status 200");
			assertThat(this.server.requests()).hasSize(3);
		});
	}

	@Test
	void runWhenEnabledShouldGuardHttpInterfaceClientsBuiltOnBootsBuilder() {
		this.runner.withPropertyValues("resilience.http.enabled=true").run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(url("")).build();
			StockClient stock = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
				.build()
				.createClient(StockClient.class);
			assertThat(stock.stock()).isEqualTo("status 200");
			assertThat(this.server.requests()).hasSize(3);
		});
	}

	@Test
	void runWhenEnabledShouldGuardWebClientsBuiltFromBootsBuilder() {
		this.runner.withPropertyValues("resilience.http.enabled=true").run((context) -> {
			WebClient client = context.getBean(WebClient.Builder.class).build();
			assertThat(client.get().uri(url("/stock")).retrieve().bodyToMono(String.class).block()).isEqualTo("status 200");
			assertThat(this.server.requests()).hasSize(3);
		});
	}

	private String url(String path) {
		return this.server.url(path);
	}

	interface StockClient {

		@GetExchange("/stock")
		String stock();

	}

}
