package dev.resilience.sample.shop;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.sample.shop.Actuator.RetryView;
import dev.resilience.test.ManualClock;
import dev.resilience.test.ManualResilienceClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storm of the README, over real HTTP with the default retry budgets: {@code GET /storm/click}
 * goes through three layers that each make up to 4 attempts, onto an inventory that is
 * unavailable. Time is manual, so that a whole burst of clicks falls into one budget window.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ManualResilienceClock
class StormScenarioTests {

	private static final int CLICKS = 50;

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private ManualClock clock;

	private Shop shop;

	@BeforeAll
	static void warmUp(@LocalServerPort int port) {
		new Shop(port).warmUp();
	}

	@BeforeEach
	void inventoryIsUnavailableAndBudgetsAreUnspent() {
		this.shop = new Shop(this.port);
		this.shop.healAll();
		this.shop.simulate("inventory", "{\"mode\": \"failing\", \"status\": 503}");
		// Two windows later, the budgets have forgotten the retries of earlier tests.
		this.clock.advance(budgetOf("storm-inventory").window().multipliedBy(2));
	}

	@Test
	void oneClickOnAQuietShopMakesSixtyFourRequestsToTheInventory() {
		long seenBefore = this.shop.requestsSeen("inventory");

		assertThat(this.shop.click()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(this.shop.requestsSeen("inventory") - seenBefore).as("4 x 4 x 4; the budgets let a quiet shop retry")
			.isEqualTo(64);
	}

	@Test
	void aBurstOfClicksIsHeldToTheBoundOfTheBudgets() throws Exception {
		long seenBefore = this.shop.requestsSeen("inventory");
		RetryView inventoryBefore = this.shop.actuator().retry("storm-inventory");
		long start = this.clock.nanoTime();

		assertThat(this.shop.burstOfClicks(CLICKS)).containsOnly(HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(Duration.ofNanos(this.clock.nanoTime() - start)).as("the burst fits in one budget window")
			.isLessThan(budgetOf("storm-inventory").window().multipliedBy(8).dividedBy(10));
		long bound = new StormBound(this.registry).requestsToTheInventoryAtMost(CLICKS);
		assertThat(bound).as("50 clicks -> 160 -> 292 -> 450, where 64 x 50 = 3200 without budgets").isEqualTo(450);
		assertThat(this.shop.requestsSeen("inventory") - seenBefore).isLessThanOrEqualTo(bound);
		RetryView inventoryAfter = this.shop.actuator().retry("storm-inventory");
		assertThat(inventoryAfter.budgetExhausted() - inventoryBefore.budgetExhausted()).isPositive();
	}

	private RetryBudgetConfig budgetOf(String layer) {
		return this.registry.retry(layer).config().budget();
	}

}
