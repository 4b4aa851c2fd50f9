package dev.resilience.sample.shop;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import dev.resilience.test.ManualResilienceClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storm of the README with the retry budgets switched off, as with
 * {@code java -jar shop.jar --resilience.retry.defaults.budget.enabled=false}: every click makes
 * 4 x 4 x 4 = 64 requests to the inventory, however many users click at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "resilience.retry.defaults.budget.enabled=false")
@ManualResilienceClock
class StormWithoutBudgetTests {

	private static final int CLICKS = 10;

	@LocalServerPort
	private int port;

	@Test
	void everyClickOfABurstMakesSixtyFourRequestsToTheInventory() throws Exception {
		Shop shop = new Shop(this.port);
		shop.simulate("inventory", "{\"mode\": \"failing\", \"status\": 503}");
		long seenBefore = shop.requestsSeen("inventory");

		assertThat(shop.burstOfClicks(CLICKS)).containsOnly(HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(shop.requestsSeen("inventory") - seenBefore).isEqualTo(64 * CLICKS);
		assertThat(shop.actuator().retry("storm-inventory").budgetExhausted()).isZero();
	}

}
