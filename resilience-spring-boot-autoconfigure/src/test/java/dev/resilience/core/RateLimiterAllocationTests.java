package dev.resilience.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests that reserving a start allocates nothing, whether the call starts at once, waits or is
 * refused, measured with the JVM's per-thread allocation counter.
 */
class RateLimiterAllocationTests {

	private static final int CALLS = 100_000;

	@Test
	void reservingAllocatesNothingPerCall() {
		assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
		// 10 per ms against one call per 10us: some start at once, some wait, most are refused
		RateLimiterConcurrencyTests.TickingClock clock = new RateLimiterConcurrencyTests.TickingClock(0, 10_000);
		RateLimiter limiter = RateLimiter.of("orders",
				RateLimiterConfig.builder()
					.limit(10)
					.period(Duration.ofMillis(1))
					.maxWait(Duration.ofNanos(200_000))
					.build(),
				clock, (nanos) -> {
				}, new ResilienceListener() {
				});
		Deadline deadline = Deadline.within(Duration.ofDays(1), clock);
		long thread = Thread.currentThread().getId();
		callMany(limiter, deadline);
		long before = threads.getThreadAllocatedBytes(thread);
		callMany(limiter, deadline);
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		RateLimiter.Metrics metrics = limiter.metrics();
		assertThat(metrics.permittedCalls() - metrics.waitedCalls()).isPositive();
		assertThat(metrics.waitedCalls()).isPositive();
		assertThat(metrics.rejectedCalls()).isPositive();
		// One object per call would take at least 16 bytes per call, 1.6 MB in all.
		assertThat(allocated).isLessThan(4096);
	}

	private static void callMany(RateLimiter limiter, Deadline deadline) {
		for (int i = 0; i < CALLS; i++) {
			limiter.reserve((i % 2 == 0) ? deadline : null);
		}
	}

}
