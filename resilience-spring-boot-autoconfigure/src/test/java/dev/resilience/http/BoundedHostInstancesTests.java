package dev.resilience.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import dev.resilience.actuate.CircuitBreakersEndpoint;
import dev.resilience.actuate.CircuitBreakersHealthIndicator;
import dev.resilience.actuate.RetriesEndpoint;
import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceEndpointsAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceHealthContributorAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceHttpClientAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At most {@code resilience.http.max-hosts} downstream hosts keep their own retry, circuit
 * breaker and meters: a client built from Boot's builder calls more hosts (loopback servers on
 * distinct ports) than that, and the least recently used host disappears from the registry, the
 * endpoints, the health details and the meter registry, to come back on its next request. Host
 * names are matched ignoring case.
 */
class BoundedHostInstancesTests {

	/** Meters of one host: breaker (5 state gauges, failure rate, 4 call timers) and retry (6). */
	private static final int METERS_PER_HOST = 16;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceHttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, ResilienceEndpointsAutoConfiguration.class,
				ResilienceHealthContributorAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("spring.http.clients.imperative.factory=JDK", "resilience.http.enabled=true",
				"resilience.http.max-hosts=3", "management.endpoints.web.exposure.include=circuitbreakers,retries")
		.withBean(ManualClock.class);

	private final List<LoopbackServer> servers = new ArrayList<>();

	@AfterEach
	void stopServers() {
		this.servers.forEach(LoopbackServer::close);
	}

	@Test
	void leastRecentlyUsedHostIsDroppedEverywherePastMaxHosts() {
		LoopbackServer one = server();
		LoopbackServer two = server();
		LoopbackServer three = server();
		LoopbackServer four = server();
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			call(client, one);
			call(client, two);
			call(client, three);
			call(client, one);
			call(client, four);
			assertThat(hostsEverywhere(context)).containsOnly(Set.of(host(one), host(three), host(four)));
			assertThat(resilienceMeters(context)).hasSize(3 * METERS_PER_HOST);
		});
	}

	@Test
	void droppedHostComesBackOnItsNextRequestWithFreshInstancesAndMeters() {
		LoopbackServer one = server();
		LoopbackServer two = server();
		LoopbackServer three = server();
		LoopbackServer four = server();
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			call(client, one);
			call(client, two);
			call(client, three);
			call(client, four);
			assertThat(context.getBean(ResilienceRegistry.class).findCircuitBreaker(host(one))).isEmpty();
			call(client, one);
			assertThat(hostsEverywhere(context)).containsOnly(Set.of(host(one), host(three), host(four)));
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).findCircuitBreaker(host(one))
				.orElseThrow();
			assertThat(breaker.metrics().bufferedCalls()).isEqualTo(1);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("resilience.circuitbreaker.calls")
				.tags("name", host(one), "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("resilience.circuitbreaker.state")
				.tags("name", host(one), "state", "closed")
				.gauge()
				.value()).isEqualTo(1);
			assertThat(resilienceMeters(context)).hasSize(3 * METERS_PER_HOST);
		});
	}

	@Test
	void hostNamesDifferingOnlyInCaseShareOneInstanceNamedInLowerCase() {
		LoopbackServer server = server();
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			client.get().uri("http://LOCALHOST:" + server.port() + "/stock").retrieve().toBodilessEntity();
			client.get().uri("http://LocalHost:" + server.port() + "/stock").retrieve().toBodilessEntity();
			client.get().uri("http://localhost:" + server.port() + "/stock").retrieve().toBodilessEntity();
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			assertThat(registry.circuitBreakers()).singleElement()
				.satisfies((breaker) -> assertThat(breaker.name()).isEqualTo(host(server)))
				.satisfies((breaker) -> assertThat(breaker.metrics().bufferedCalls()).isEqualTo(3));
			assertThat(registry.retries()).singleElement()
				.satisfies((retry) -> assertThat(retry.name()).isEqualTo(host(server)));
		});
	}

	@Test
	void instancesNotCreatedForAHostAreNeverDropped() {
		LoopbackServer one = server();
		LoopbackServer two = server();
		this.runner.withPropertyValues("resilience.http.max-hosts=1").withBean(Inventory.class).run((context) -> {
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			// code that asked for the host's breaker before the client did owns it
			CircuitBreaker owned = registry.circuitBreaker(host(one));
			RestClient client = context.getBean(RestClient.Builder.class).build();
			call(client, one);
			call(client, two);
			call(client, one);
			call(client, two);
			assertThat(registry.findCircuitBreaker("inventory")).isPresent();
			assertThat(registry.findCircuitBreaker(host(one))).containsSame(owned);
			assertThat(owned.metrics().bufferedCalls()).isEqualTo(2);
			assertThat(registry.findRetry(host(one))).isEmpty();
			assertThat(context.getBean(MeterRegistry.class)
				.get("resilience.circuitbreaker.calls")
				.tags("name", "inventory", "outcome", "success")
				.timer()).isNotNull();
		});
	}

	private void call(RestClient client, LoopbackServer server) {
		client.get().uri(server.url("/stock")).retrieve().toBodilessEntity();
	}

	/**
	 * Returns the host names each view shows: the registry's breakers and retries, the two
	 * endpoints, the health details and the {@code name} tags of the meters.
	 */
	private static Set<Set<String>> hostsEverywhere(AssertableApplicationContext context) {
		ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
		Set<Set<String>> views = new java.util.HashSet<>();
		views.add(names(registry.circuitBreakers().stream().map(CircuitBreaker::name).toList()));
		views.add(names(registry.retries().stream().map((retry) -> retry.name()).toList()));
		views.add(names(context.getBean(CircuitBreakersEndpoint.class).circuitBreakers().circuitBreakers().keySet()));
		views.add(names(context.getBean(RetriesEndpoint.class).retries().retries().keySet()));
		Health health = context.getBean(CircuitBreakersHealthIndicator.class).health(true);
		views.add(names(health.getDetails().keySet()));
		views.add(names(resilienceMeters(context).stream().map((meter) -> meter.getId().getTag("name")).toList()));
		return views;
	}

	private static List<Meter> resilienceMeters(AssertableApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("resilience."))
			.toList();
	}

	private static Set<String> names(Collection<String> names) {
		return names.stream().collect(Collectors.toCollection(TreeSet::new));
	}

	private LoopbackServer server() {
		LoopbackServer server = LoopbackServer.start();
		this.servers.add(server);
		return server;
	}

	private static String host(LoopbackServer server) {
		return "localhost:" + server.port();
	}

	static class Inventory {

		@CircuitGuarded(name = "inventory")
		public String load() {
			return "in stock";
		}

	}

}
