package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import dev.resilience.core.ConcurrencyLimitRecordingListener.LimitChange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for an adaptive {@link ConcurrencyLimit}, deterministic on a {@link ManualClock}: each
 * round, callers try to take a slot at once, then every slot taken is held for a latency that
 * depends on the calls in flight, and given back.
 */
class AdaptiveConcurrencyLimitTests {

	private static final Duration BASE_LATENCY = Duration.ofMillis(10);

	/** Latency grows with the calls in flight past 10: the dependency queues them. */
	private static final IntFunction<Duration> QUEUEING = (inFlight) -> BASE_LATENCY.multipliedBy(Math.max(10, inFlight))
		.dividedBy(10);

	/** Latency stays the same whatever the calls in flight. */
	private static final IntFunction<Duration> CONSTANT = (inFlight) -> BASE_LATENCY;

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final ConcurrencyLimitRecordingListener listener = new ConcurrencyLimitRecordingListener(this.clock);

	@Test
	void limitFallsWhenLatencyRisesWithConcurrency() {
		ConcurrencyLimit limit = adaptive(50, 1, 200);
		int refused = warmUpThenQueue(limit);
		assertThat(limit.limit()).as("settles where latency stays within 1.5x of the lowest").isBetween(15, 25);
		assertThat(refused).isPositive();
		assertThat(limit.metrics().rejectedCalls()).isEqualTo(refused);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void limitClimbsBackWhenLatencyStaysLowAndTheSlotsAreInUse() {
		ConcurrencyLimit limit = adaptive(50, 1, 200);
		warmUpThenQueue(limit);
		List<Integer> limits = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			round(limit, 100, CONSTANT);
			limits.add(limit.limit());
		}
		assertThat(limits).isSorted();
		assertThat(limit.limit()).isEqualTo(200);
	}

	@Test
	void appLimitedLoadDoesNotGrowTheLimit() {
		ConcurrencyLimit limit = adaptive(50, 1, 200);
		for (int i = 0; i < 100; i++) {
			round(limit, 10, CONSTANT);
		}
		assertThat(limit.limit()).isEqualTo(50);
		assertThat(this.listener.changes()).isEmpty();
	}

	@Test
	void limitStaysWithinMinLimitAndMaxLimit() {
		ConcurrencyLimit limit = adaptive(50, 30, 60);
		warmUpThenQueue(limit);
		assertThat(limit.limit()).isEqualTo(30);
		for (int i = 0; i < 20; i++) {
			round(limit, 100, CONSTANT);
		}
		assertThat(limit.limit()).isEqualTo(60);
	}

	@Test
	void latencyThatRisesForGoodIsLearntAsTheNewLowest() {
		ConcurrencyLimit limit = adaptive(50, 1, 200);
		for (int i = 0; i < 20; i++) {
			round(limit, 100, CONSTANT);
		}
		assertThat(limit.limit()).isEqualTo(200);
		IntFunction<Duration> slowerForGood = (inFlight) -> BASE_LATENCY.multipliedBy(3);
		for (int i = 0; i < 10; i++) {
			round(limit, 100, slowerForGood);
		}
		assertThat(limit.limit()).as("first taken for a queue").isLessThan(50);
		// the lowest latency is that of the current and the previous epoch of 1,000 samples
		for (int i = 0; i < 300; i++) {
			round(limit, 100, slowerForGood);
		}
		assertThat(limit.limit()).isEqualTo(200);
	}

	@Test
	void limitChangesAreReportedAtMostOncePerSecond() {
		ConcurrencyLimit limit = adaptive(50, 1, 200);
		warmUp(limit);
		long firstWindowEnds = this.clock.nanoTime() + Duration.ofMillis(50).toNanos();
		for (int i = 0; i < 40; i++) {
			round(limit, 100, QUEUEING);
			this.clock.advance(Duration.ofMillis(100));
		}
		for (int i = 0; i < 40; i++) {
			round(limit, 100, CONSTANT);
			this.clock.advance(Duration.ofMillis(100));
		}
		List<LimitChange> changes = this.listener.changes();
		assertThat(changes).hasSizeGreaterThan(3);
		assertThat(changes.get(0).from()).isEqualTo(50);
		assertThat(changes.get(0).nanos()).as("the first change is reported at once").isEqualTo(firstWindowEnds);
		for (int i = 1; i < changes.size(); i++) {
			LimitChange previous = changes.get(i - 1);
			LimitChange change = changes.get(i);
			assertThat(change.from()).isEqualTo(previous.to());
			assertThat(change.to()).isNotEqualTo(change.from());
			assertThat(change.nanos() - previous.nanos()).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
		}
		assertThat(changes.get(changes.size() - 1).to()).isEqualTo(limit.limit()).isEqualTo(200);
	}

	@Test
	void listenerThatThrowsOnALimitChangeNeverFailsTheCall() {
		ResilienceListener failing = new ResilienceListener() {

			@Override
			public void onLimitChanged(String name, int from, int to) {
				throw new IllegalStateException("listener down");
			}

		};
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().adaptive(true).limit(50).build(), this.clock, this.scheduler, failing);
		warmUpThenQueue(limit);
		assertThat(limit.limit()).isLessThan(50);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void resetPutsTheLimitBackToItsStartAndLetsWaitingCallsIn() {
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory", ConcurrencyLimitConfig.builder()
			.adaptive(true)
			.limit(50)
			.maxWait(Duration.ofSeconds(1))
			.build(), this.clock, this.scheduler, this.listener);
		for (int i = 0; i < 5; i++) {
			roundWithoutWaiting(limit, 5, QUEUEING);
		}
		for (int i = 0; i < 30; i++) {
			roundWithoutWaiting(limit, 100, QUEUEING);
		}
		int learnt = limit.limit();
		assertThat(learnt).isLessThan(50);
		List<Long> tokens = new ArrayList<>();
		for (int i = 0; i < learnt; i++) {
			tokens.add(limit.tryAcquire());
		}
		CompletableFuture<Long> waiter = limit.acquireAsync(null);
		assertThat(waiter).isNotDone();
		this.clock.advance(Duration.ofSeconds(5));
		limit.reset();
		assertThat(limit.limit()).isEqualTo(50);
		assertThat(waiter).as("the limit rose: the waiting call starts").isCompletedWithValue(this.clock.nanoTime());
		assertThat(limit.metrics()).as("only the call that waited counts")
			.isEqualTo(new ConcurrencyLimit.Metrics(1, 0));
		assertThat(limit.inFlight()).isEqualTo(learnt + 1);
		LimitChange reported = this.listener.changes().get(this.listener.changes().size() - 1);
		assertThat(reported.to()).isEqualTo(50);
		assertThat(reported.nanos()).as("reported at once").isEqualTo(this.clock.nanoTime());
		tokens.forEach(limit::release);
		limit.release(waiter.join());
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void resetForgetsTheLowestLatency() {
		ConcurrencyLimit limit = adaptive(50, 1, 200);
		warmUp(limit);
		limit.reset();
		// three times slower than before the reset: the new lowest, so the limit does not shrink
		IntFunction<Duration> slower = (inFlight) -> BASE_LATENCY.multipliedBy(3);
		for (int i = 0; i < 10; i++) {
			round(limit, 40, slower);
		}
		assertThat(limit.limit()).isGreaterThanOrEqualTo(50);
	}

	@Test
	void tokenIsTheTimeTheSlotWasTaken() {
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().adaptive(true).limit(1).maxWait(Duration.ofSeconds(1)).build(),
				this.clock, this.scheduler, this.listener);
		this.clock.advance(Duration.ofMillis(5));
		long token = limit.tryAcquire();
		assertThat(token).isEqualTo(Duration.ofMillis(5).toNanos());
		CompletableFuture<Long> waiter = limit.acquireAsync(null);
		this.clock.advance(Duration.ofMillis(20));
		limit.release(token);
		assertThat(waiter).as("a waiter's call starts when it is handed the slot")
			.isCompletedWithValue(Duration.ofMillis(25).toNanos());
	}

	/** Light load first, so that the lowest latency is known; then load that queues. */
	private int warmUpThenQueue(ConcurrencyLimit limit) {
		warmUp(limit);
		int refused = 0;
		for (int i = 0; i < 30; i++) {
			refused += round(limit, 100, QUEUEING);
		}
		return refused;
	}

	private void warmUp(ConcurrencyLimit limit) {
		for (int i = 0; i < 5; i++) {
			round(limit, 5, QUEUEING);
		}
		assertThat(limit.limit()).isEqualTo(50);
	}

	/**
	 * Lets callers try to take a slot at once, holds every slot taken for the latency of the calls
	 * in flight, then gives them back.
	 * @return the callers refused
	 */
	private int round(ConcurrencyLimit limit, int callers, IntFunction<Duration> latency) {
		List<Long> tokens = new ArrayList<>();
		int refused = 0;
		for (int i = 0; i < callers; i++) {
			CompletableFuture<Long> slot = limit.acquireAsync(null);
			if (slot.isCompletedExceptionally()) {
				refused++;
			}
			else {
				tokens.add(slot.join());
			}
		}
		this.clock.advance(latency.apply(tokens.size()));
		tokens.forEach(limit::release);
		return refused;
	}

	/** As {@link #round}, for a limit whose calls could wait: callers only take a slot that is free. */
	private void roundWithoutWaiting(ConcurrencyLimit limit, int callers, IntFunction<Duration> latency) {
		List<Long> tokens = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			long token = limit.tryAcquire();
			if (token != ConcurrencyLimit.REFUSED) {
				tokens.add(token);
			}
		}
		this.clock.advance(latency.apply(tokens.size()));
		tokens.forEach(limit::release);
	}

	private ConcurrencyLimit adaptive(int initial, int min, int max) {
		return ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().adaptive(true).limit(initial).minLimit(min).maxLimit(max).build(),
				this.clock, this.scheduler, this.listener);
	}

}
