package dev.resilience.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConcurrencyLimitSlots} under a limit that changes between calls, as an
 * adaptive limit's does: a lowered limit is honoured before waiters are served, and a raised one
 * lets more waiters start.
 */
class ConcurrencyLimitSlotsTests {

	private final ManualClock clock = new ManualClock();

	private final DefaultConcurrencyLimit limit = new DefaultConcurrencyLimit("inventory",
			ConcurrencyLimitConfig.builder().limit(3).maxWait(Duration.ofSeconds(1)).build(), this.clock,
			new ManualScheduler(this.clock), new ResilienceListener() {
			});

	private final ConcurrencyLimitSlots slots = this.limit.slots();

	@Test
	void releaseAboveALoweredLimitFreesTheSlotInsteadOfHandingItOver() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.slots.tryTake(3)).isTrue();
		}
		CompletableFuture<Long> waiter = this.limit.acquireAsync(null);
		this.slots.release(2, 7);
		assertThat(waiter).isNotDone();
		assertThat(this.slots.inFlight()).isEqualTo(2);
		this.slots.release(2, 7);
		assertThat(waiter).isCompletedWithValue(7L);
		assertThat(this.slots.inFlight()).isEqualTo(2);
		assertThat(this.slots.tryTake(2)).isFalse();
	}

	@Test
	void releaseUnderARaisedLimitLetsMoreWaitersStart() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.slots.tryTake(3)).isTrue();
		}
		CompletableFuture<Long> first = this.limit.acquireAsync(null);
		CompletableFuture<Long> second = this.limit.acquireAsync(null);
		CompletableFuture<Long> third = this.limit.acquireAsync(null);
		this.slots.release(4, 7);
		assertThat(first).isCompletedWithValue(7L);
		assertThat(second).isCompletedWithValue(7L);
		assertThat(third).isNotDone();
		assertThat(this.slots.inFlight()).isEqualTo(4);
		assertThat(this.slots.waiting()).isOne();
	}

}
