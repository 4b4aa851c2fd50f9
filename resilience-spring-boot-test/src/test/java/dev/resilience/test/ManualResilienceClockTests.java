package dev.resilience.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.ResilienceRegistry;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of {@link ManualResilienceClock}: the starter's instances run on the manual clock, so a
 * breaker's wait in the open state passes when the test advances it and retries do not sleep.
 */
@SpringBootTest(classes = GuardedCallsApplication.class, properties = {
		"resilience.circuit-breaker.instances.stock.minimum-calls=2",
		"resilience.circuit-breaker.instances.stock.sliding-window-size=2",
		"resilience.circuit-breaker.instances.stock.wait-in-open=30s",
		"resilience.circuit-breaker.instances.stock.half-open-calls=1",
		"resilience.retry.instances.prices.max-attempts=3", "resilience.retry.instances.prices.delay=2s",
		"resilience.retry.instances.prices.jitter=0" })
@ManualResilienceClock
@ResetResilience
class ManualResilienceClockTests {

	@Autowired
	private ManualClock clock;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private GuardedCalls calls;

	@Test
	void theRegistryRunsOnTheManualClock() {
		assertThat(this.registry.clock()).isSameAs(this.clock);
	}

	@Test
	void waitInOpenPassesWhenTheClockIsAdvanced() throws Exception {
		catchThrowable(() -> this.calls.stock(true));
		catchThrowable(() -> this.calls.stock(true));
		assertThat(this.registry.circuitBreaker("stock")).isOpen();
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(catchThrowable(() -> this.calls.stock(false))).isInstanceOf(CallNotPermittedException.class);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.calls.stock(false)).isEqualTo("42");
		assertThat(this.registry.circuitBreaker("stock")).isClosed();
	}

	@Test
	void retryDelaysAreRecordedInsteadOfSlept() throws Exception {
		this.calls.failPrices(2);
		long start = System.nanoTime();
		assertThat(this.calls.prices()).isEqualTo("9.99");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no real wait").isLessThan(Duration.ofSeconds(2));
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(this.registry.retry("prices")).hasSuccessfulCallsWithRetry(1).hasRetryAttempts(2);
	}

}
