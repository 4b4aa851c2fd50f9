package dev.resilience.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.resilience.core.CircuitBreaker.Permit;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests that permitting and recording a call in the closed state allocate nothing, measured with
 * the JVM's per-thread allocation counter.
 */
class CircuitBreakerAllocationTests {

	private static final int CALLS = 100_000;

	private static final IOException FAILURE = new IOException("connection reset");

	@ParameterizedTest
	@EnumSource(SlidingWindowType.class)
	void closedStateAllocatesNothingPerCall(SlidingWindowType type) {
		assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder().slidingWindowType(type).slidingWindowSize(50).build(), new ManualClock(),
				new ResilienceListener() {
				});
		long thread = Thread.currentThread().getId();
		callMany(breaker);
		long before = threads.getThreadAllocatedBytes(thread);
		callMany(breaker);
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
		// One object per call would take at least 16 bytes per call, 1.6 MB in all.
		assertThat(allocated).isLessThan(4096);
	}

	private static void callMany(CircuitBreaker breaker) {
		for (int i = 0; i < CALLS; i++) {
			Permit permit = breaker.acquirePermit();
			if (i % 10 == 0) {
				permit.onError(1_000, FAILURE);
			}
			else {
				permit.onSuccess(1_000);
			}
		}
	}

}
