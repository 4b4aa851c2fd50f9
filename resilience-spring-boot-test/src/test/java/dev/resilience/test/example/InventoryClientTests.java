package dev.resilience.test.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.test.FaultyHttpServerExtension;
import dev.resilience.test.Reply;
import dev.resilience.test.ResetResilience;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test a user writes for their own guarded client: the inventory service is a faulty server,
 * its faults are scripted, and the test checks what the client answered and what the breaker
 * did. The registry is reset between tests, so the breaker one test opened is closed in the next.
 */
@SpringBootTest(properties = { "resilience.circuit-breaker.instances.inventory.minimum-calls=4",
		"resilience.circuit-breaker.instances.inventory.sliding-window-size=4" })
@ResetResilience
class InventoryClientTests {

	@RegisterExtension
	static FaultyHttpServerExtension inventory = new FaultyHttpServerExtension();

	@DynamicPropertySource
	static void inventoryUrl(DynamicPropertyRegistry properties) {
		properties.add("inventory.url", inventory::url);
	}

	@Autowired
	InventoryClient client;

	@Autowired
	ResilienceRegistry registry;

	@Test
	void answersTheStockWhileTheServiceIsUp() {
		inventory.enqueue(Reply.ok("12"));
		assertThat(this.client.stock("sku-1")).isEqualTo("12");
		assertThat(inventory.takeRequest().target()).isEqualTo("/stock/sku-1");
		assertThat(this.registry.circuitBreaker("inventory")).isClosed().hasBufferedCalls(1).hasFailedCalls(0);
	}

	@Test
	void opensTheBreakerWhenTheServiceFailsAndAnswersFromTheFallback() {
		inventory.enqueue(Reply.status(503), Reply.malformed(), Reply.status(504), Reply.status(503));
		for (int i = 0; i < 4; i++) {
			assertThat(this.client.stock("sku-1")).isEqualTo("unknown");
		}
		assertThat(this.registry.circuitBreaker("inventory")).isOpen().hasFailureRate(100);
		// open: the service is not called any more, the fallback still answers
		assertThat(this.client.stock("sku-1")).isEqualTo("unknown");
		assertThat(inventory.requestCount()).isEqualTo(4);
		assertThat(this.registry.circuitBreaker("inventory")).hasNotPermittedCalls(1);
	}

	@Test
	void startsWithAClosedBreakerWhateverTheTestBefore() {
		assertThat(this.registry.circuitBreaker("inventory")).isClosed().hasBufferedCalls(0);
		inventory.enqueue(Reply.ok("7"));
		assertThat(this.client.stock("sku-2")).isEqualTo("7");
	}

}
