package dev.resilience.test;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.resilience.core.ResilienceRegistry;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of {@link ResetResilience}: what one test does to the instances of the shared context
 * is gone when the next test starts.
 */
@SpringBootTest(classes = GuardedCallsApplication.class, properties = {
		"resilience.circuit-breaker.instances.stock.minimum-calls=2",
		"resilience.circuit-breaker.instances.stock.sliding-window-size=2",
		"resilience.retry.instances.prices.max-attempts=3", "resilience.retry.instances.prices.jitter=0" })
@ManualResilienceClock
@ResetResilience
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceResetExtensionTests {

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private GuardedCalls calls;

	@Autowired
	private ManualClock clock;

	@Test
	@Order(1)
	void firstTestOpensTheBreakerAndRetries() throws Exception {
		catchThrowable(() -> this.calls.stock(true));
		catchThrowable(() -> this.calls.stock(true));
		this.calls.failPrices(1);
		this.calls.prices();
		assertThat(this.registry.circuitBreaker("stock")).isOpen();
		assertThat(this.registry.retry("prices")).hasRetryAttempts(1);
		assertThat(this.clock.sleeps()).hasSize(1);
	}

	@Test
	@Order(2)
	void secondTestFindsThemAsNew() throws Exception {
		assertThat(this.registry.circuitBreaker("stock")).isClosed().hasBufferedCalls(0).hasNotPermittedCalls(0);
		assertThat(this.registry.retry("prices")).hasSuccessfulCallsWithRetry(0).hasNoRetryAttempts();
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(this.calls.stock(false)).isEqualTo("42");
		assertThat(this.clock.elapsed()).as("time is not turned back").isGreaterThan(Duration.ZERO);
	}

}
