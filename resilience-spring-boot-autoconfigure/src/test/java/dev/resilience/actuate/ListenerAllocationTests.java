package dev.resilience.actuate;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.ConfigSource;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceListener.CallOutcome;
import dev.resilience.core.ResilienceListener.RetryOutcome;
import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests that the listeners called on every guarded call, the meters, the event buffer and the
 * observation events (with no observation in progress), allocate nothing per event, measured with the JVM's per-thread allocation counter.
 */
class ListenerAllocationTests {

	private static final int EVENTS = 100_000;

	private static final IOException FAILURE = new IOException("connection reset");

	private com.sun.management.ThreadMXBean threads;

	@BeforeEach
	void allocationCounter() {
		assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
		this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeThat(this.threads.isThreadAllocatedMemorySupported() && this.threads.isThreadAllocatedMemoryEnabled())
			.isTrue();
	}

	@Test
	void metersAllocateNothingPerEvent() {
		ManualClock clock = new ManualClock();
		ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), clock, clock, Runnable::run);
		registry.circuitBreaker("inventory");
		registry.retry("inventory");
		registry.timeLimiter("inventory");
		new ResilienceMetrics(registry).bindTo(new SimpleMeterRegistry());
		assertThat(allocatedBy(registry.events())).isLessThan(4096);
	}

	@Test
	void eventBufferAllocatesNothingPerEvent() {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(new ManualClock());
		assertThat(allocatedBy(buffer)).isLessThan(4096);
	}

	@Test
	void observationEventsAllocateNothingWithoutAnObservationInProgress() {
		ObservationEvents events = new ObservationEvents(ObservationRegistry.create());
		assertThat(allocatedBy(events)).isLessThan(4096);
	}

	private long allocatedBy(ResilienceListener listener) {
		long thread = Thread.currentThread().getId();
		sendMany(listener);
		long before = this.threads.getThreadAllocatedBytes(thread);
		sendMany(listener);
		// One object per event would take at least 16 bytes per event, megabytes in all.
		return this.threads.getThreadAllocatedBytes(thread) - before;
	}

	private static void sendMany(ResilienceListener listener) {
		for (int i = 0; i < EVENTS; i++) {
			listener.onCircuitBreakerCall("inventory", CallOutcome.SUCCESS, 1_000);
			listener.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
			listener.onRetry("inventory", 1, 1_000, FAILURE);
			listener.onRetryCompleted("inventory", RetryOutcome.SUCCESSFUL_WITH_RETRY, 2);
			listener.onTimeLimiterCall("inventory", TimeLimiterOutcome.TIMEOUT);
			listener.onFallback("Inventory.load", FAILURE);
		}
	}

}
