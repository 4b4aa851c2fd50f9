package dev.resilience.sample.shop;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.sample.shop.Actuator.RetryView;
import dev.resilience.sample.shop.Shop.QuotaStats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's fleet: two shop instances with the {@code fleet} profile, over real HTTP, on one
 * Redis that the first instance starts itself. Both call the simulated services of the first, as
 * instances call the same real services. The storm's clicks, spread over both, are held to the
 * bound of one set of retry budgets, not of one set per instance; lookups of the nearest store,
 * sent to both, are paced by one rate limiter, so the geocoder sees none beyond its quota. Real
 * time: the instances share the machine's clock, as the machines of a fleet share the time of day.
 */
class FleetScenarioTests {

	private static final int CLICKS = 50;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private static Shop firstShop;

	private static Shop secondShop;

	@BeforeAll
	static void startTheFleet() throws IOException {
		int redisPort = freePort();
		first = start(redisPort, "${local.server.port}");
		second = start(redisPort, String.valueOf(portOf(first)));
		firstShop = new Shop(portOf(first));
		secondShop = new Shop(portOf(second));
		firstShop.warmUp();
		secondShop.warmUp();
	}

	@AfterAll
	static void stopTheFleet() {
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
	}

	@Test
	void theClicksOfTheWholeFleetAreHeldToTheBoundOfOneBudget() throws Exception {
		firstShop.simulate("inventory", "{\"mode\": \"failing\", \"status\": 503}");
		long seenBefore = firstShop.requestsSeen("inventory");
		long start = System.nanoTime();

		assertThat(Shop.burstOfClicks(CLICKS, List.of(firstShop, secondShop)))
			.containsOnly(HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the burst fits in one budget window")
			.isLessThan(budgetOf("storm-inventory").window().multipliedBy(8).dividedBy(10));
		StormBound stormBound = new StormBound(first.getBean(ResilienceRegistry.class));
		long oneBudget = stormBound.requestsToTheInventoryAtMost(CLICKS);
		long budgetPerInstance = 2 * stormBound.requestsToTheInventoryAtMost(CLICKS / 2);
		assertThat(oneBudget).as("50 clicks -> 160 -> 292 -> 450").isEqualTo(450);
		assertThat(budgetPerInstance).as("twice 25 clicks -> 100 -> 220 -> 364").isEqualTo(728);
		assertThat(firstShop.requestsSeen("inventory") - seenBefore).isLessThanOrEqualTo(oneBudget);
		for (Shop shop : List.of(firstShop, secondShop)) {
			RetryView inventory = shop.actuator().retry("storm-inventory");
			assertThat(inventory.store()).isEqualTo("redis");
			assertThat(inventory.budgetExhausted()).isPositive();
		}
	}

	@Test
	void lookupsSentToTheWholeFleetArePacedToTheGeocodersQuota() throws Exception {
		firstShop.simulate("geocoder", "{\"mode\": \"healthy\"}");
		QuotaStats before = firstShop.geocoderStats();

		CompletableFuture<Load.Result> toSecond = CompletableFuture
			.supplyAsync(() -> lookUpNearestStores(portOf(second)));
		List<Load.Result> loads = List.of(lookUpNearestStores(portOf(first)), toSecond.get());

		QuotaStats after = firstShop.geocoderStats();
		assertThat(after.requestsSeen() - before.requestsSeen()).as("lookups that reached the geocoder")
			.isPositive();
		assertThat(after.overQuota() - before.overQuota()).as("requests over the quota").isZero();
		assertThat(loads).flatMap(Load.Result::answers)
			.as("every answer is a page")
			.allMatch((answer) -> answer.status() == 200);
		for (Shop shop : List.of(firstShop, secondShop)) {
			assertThat(shop.actuator().rateLimiter("geocoder").store()).isEqualTo("redis");
		}
	}

	/** Six clients, each sending its next lookup as soon as its last is answered, for 2 seconds. */
	private static Load.Result lookUpNearestStores(int port) {
		try {
			return new Load(Load.page(port, "/stores/nearest?address=Torstrasse%201"), 6, () -> 0)
				.run(Duration.ofSeconds(2));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ConfigurableApplicationContext start(int redisPort, String servicesPort) {
		return new SpringApplicationBuilder(ShopApplication.class).profiles("fleet")
			.run("--server.port=0", "--spring.data.redis.port=" + redisPort, "--shop.fleet.services-port=" + servicesPort);
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static RetryBudgetConfig budgetOf(String layer) {
		return first.getBean(ResilienceRegistry.class).retry(layer).config().budget();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
