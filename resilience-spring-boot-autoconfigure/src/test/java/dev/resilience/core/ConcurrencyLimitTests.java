package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.resilience.core.ResilienceListener.LimitOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for a fixed {@link ConcurrencyLimit}: slots taken and given back, refusals, and waits for
 * a slot ended by a {@link ManualScheduler}, by a grant or by the caller.
 */
@Timeout(30)
class ConcurrencyLimitTests {

	private static final Duration MAX_WAIT = Duration.ofMillis(100);

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final ConcurrencyLimitRecordingListener listener = new ConcurrencyLimitRecordingListener(this.clock);

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void shutdown() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void callsPastTheLimitAreRefusedAtOnce() {
		ConcurrencyLimit limit = limit(2, Duration.ZERO);
		assertThat(limit.tryAcquire()).isZero();
		assertThat(limit.acquireAsync(null)).isCompletedWithValue(0L);
		LimitExceededException refusal = refusal(() -> limit.acquire(null));
		assertThat(refusal.getName()).isEqualTo("inventory");
		assertThat(refusal.getLimit()).isEqualTo(2);
		assertThat(refusal).hasMessage("Concurrency limit 'inventory' has no free slot (limit 2)");
		assertThat(failure(limit.acquireAsync(null))).isInstanceOf(LimitExceededException.class);
		assertThat(limit.inFlight()).isEqualTo(2);
		assertThat(this.scheduler.delays()).isEmpty();
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(2, 2));
		assertThat(this.listener.outcomes()).containsExactly(LimitOutcome.PERMITTED, LimitOutcome.PERMITTED,
				LimitOutcome.REJECTED, LimitOutcome.REJECTED);
	}

	@Test
	void resetSetsTheCountsBackToZeroAndLeavesTheCallsInFlight() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		long token = limit.tryAcquire();
		refusal(() -> limit.acquire(null));
		limit.reset();
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(0, 0));
		assertThat(limit.inFlight()).isOne();
		assertThat(limit.tryAcquire()).as("the slot is still taken").isEqualTo(ConcurrencyLimit.REFUSED);
		limit.release(token);
		assertThat(limit.inFlight()).isZero();
		assertThat(limit.tryAcquire()).isZero();
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 0));
	}

	@Test
	void tryAcquireCountsNothingWhenNoSlotIsFree() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		long token = limit.tryAcquire();
		assertThat(limit.tryAcquire()).isEqualTo(ConcurrencyLimit.REFUSED);
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 0));
		limit.release(token);
		assertThat(limit.tryAcquire()).isNotEqualTo(ConcurrencyLimit.REFUSED);
	}

	@Test
	void releaseFreesTheSlot() throws InterruptedException {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		for (int i = 0; i < 3; i++) {
			long token = limit.acquire(null);
			assertThat(limit.inFlight()).isOne();
			limit.release(token);
			assertThat(limit.inFlight()).isZero();
		}
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(3, 0));
		assertThat(limit.limit()).isOne();
	}

	@Test
	void fixedLimitReadsNoClockOnItsFastPath() {
		AtomicInteger reads = new AtomicInteger();
		Clock countingClock = new Clock() {

			@Override
			public long nanoTime() {
				reads.incrementAndGet();
				return 0;
			}

			@Override
			public long currentTimeMillis() {
				reads.incrementAndGet();
				return 0;
			}

		};
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().limit(1).maxWait(MAX_WAIT).build(), countingClock, this.scheduler,
				this.listener);
		long token = limit.tryAcquire();
		limit.release(token);
		assertThat(reads).hasValue(0);
	}

	@Test
	void listenerThatThrowsNeverFailsTheCall() throws InterruptedException {
		ResilienceListener failing = new ResilienceListener() {

			@Override
			public void onConcurrencyLimitCall(String name, LimitOutcome outcome) {
				throw new IllegalStateException("listener down");
			}

		};
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().limit(1).maxWait(MAX_WAIT).build(), this.clock, this.scheduler,
				failing);
		long token = limit.acquire(null);
		CompletableFuture<Long> waiter = limit.acquireAsync(null);
		limit.release(token);
		assertThat(waiter).isCompletedWithValue(0L);
		CompletableFuture<Long> late = limit.acquireAsync(null);
		this.scheduler.advance(MAX_WAIT);
		assertThat(failure(late)).isInstanceOf(LimitExceededException.class);
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(2, 1));
		assertThat(limit.inFlight()).isOne();
	}

	@Test
	void asyncWaiterGetsTheReleasedSlotAndItsTimerIsCancelled() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		CompletableFuture<Long> waiter = limit.acquireAsync(null);
		assertThat(waiter).isNotDone();
		assertThat(this.scheduler.delays()).containsExactly(MAX_WAIT);
		limit.release(token);
		assertThat(waiter).isCompletedWithValue(0L);
		assertThat(limit.inFlight()).isOne();
		assertThat(this.scheduler.pending()).isZero();
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(2, 0));
		assertThat(this.listener.outcomes()).containsExactly(LimitOutcome.PERMITTED, LimitOutcome.PERMITTED);
	}

	@Test
	void syncWaiterOnAnotherThreadGetsTheReleasedSlot() throws Exception {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		Future<Long> waiter = this.executor.submit(() -> limit.acquire(null));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.pending() == 1);
		assertThat(waiter).isNotDone();
		limit.release(token);
		assertThat(waiter.get(10, TimeUnit.SECONDS)).isZero();
		assertThat(limit.inFlight()).isOne();
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void waitEndsExactlyAtMaxWait() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		limit.tryAcquire();
		CompletableFuture<Long> waiter = limit.acquireAsync(null);
		this.scheduler.advance(MAX_WAIT.minusNanos(1));
		assertThat(waiter).isNotDone();
		this.scheduler.advance(Duration.ofNanos(1));
		assertThat(failure(waiter)).isInstanceOf(LimitExceededException.class)
			.hasMessage("Concurrency limit 'inventory' had no free slot (limit 1) within 100ms");
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 1));
		assertThat(this.listener.outcomes()).containsExactly(LimitOutcome.PERMITTED, LimitOutcome.REJECTED);
		assertThat(((DefaultConcurrencyLimit) limit).slots().waiting()).isZero();
	}

	@Test
	void syncWaiterTimesOutOnAnotherThread() throws Exception {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		limit.tryAcquire();
		Future<Throwable> waiter = this.executor.submit(() -> catchThrowable(() -> limit.acquire(null)));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.pending() == 1);
		this.scheduler.advance(MAX_WAIT);
		assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(LimitExceededException.class)
			.hasMessageContaining("within 100ms");
		assertThat(limit.inFlight()).isOne();
	}

	@Test
	void waitNeverOutlastsTheDeadline() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		limit.tryAcquire();
		CompletableFuture<Long> waiter = limit.acquireAsync(Deadline.within(Duration.ofMillis(40), this.clock));
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMillis(40));
		this.scheduler.advance(Duration.ofMillis(39));
		assertThat(waiter).isNotDone();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(failure(waiter)).isInstanceOf(LimitExceededException.class)
			.hasMessage("Concurrency limit 'inventory' had no free slot (limit 1) within 40ms");
	}

	@Test
	void laterDeadlineLeavesTheWaitAtMaxWait() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		limit.tryAcquire();
		limit.acquireAsync(Deadline.within(Duration.ofSeconds(5), this.clock));
		assertThat(this.scheduler.delays()).containsExactly(MAX_WAIT);
	}

	@Test
	void expiredDeadlineRefusesAtOnce() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		Deadline deadline = Deadline.within(Duration.ofMillis(10), this.clock);
		this.clock.advance(Duration.ofMillis(10));
		assertThat(failure(limit.acquireAsync(deadline))).isInstanceOf(LimitExceededException.class)
			.hasMessage("Concurrency limit 'inventory' has no free slot (limit 1) and the call's deadline has passed");
		assertThatExceptionOfType(LimitExceededException.class).isThrownBy(() -> limit.acquire(deadline));
		assertThat(this.scheduler.delays()).isEmpty();
		limit.release(token);
		assertThat(limit.acquireAsync(deadline)).as("a free slot is taken whatever the deadline")
			.isCompletedWithValue(0L);
	}

	@Test
	void cancelledWaitTakesNoSlot() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		CompletableFuture<Long> waiter = limit.acquireAsync(null);
		assertThat(waiter.cancel(false)).isTrue();
		assertThat(this.scheduler.pending()).isZero();
		assertThat(((DefaultConcurrencyLimit) limit).slots().waiting()).isZero();
		limit.release(token);
		assertThat(limit.inFlight()).isZero();
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 0));
	}

	@Test
	void slotOfACancelledWaiterGoesToTheNextOne() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		CompletableFuture<Long> cancelled = limit.acquireAsync(null);
		CompletableFuture<Long> next = limit.acquireAsync(null);
		cancelled.cancel(false);
		limit.release(token);
		assertThat(next).isCompletedWithValue(0L);
		assertThat(limit.inFlight()).isOne();
	}

	@Test
	void cancellingAGrantedWaitKeepsTheSlotWithTheCaller() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		CompletableFuture<Long> waiter = limit.acquireAsync(null);
		limit.release(token);
		assertThat(waiter.cancel(false)).isFalse();
		assertThat(limit.inFlight()).isOne();
		limit.release(waiter.join());
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void interruptedSyncWaiterKeepsNoSlot() throws Exception {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean interruptFlag = new AtomicBoolean();
		Thread waiter = new Thread(() -> {
			thrown.set(catchThrowable(() -> limit.acquire(null)));
			interruptFlag.set(Thread.currentThread().isInterrupted());
		});
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.WAITING);
		waiter.interrupt();
		waiter.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(waiter.isAlive()).isFalse();
		assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
		assertThat(interruptFlag).as("interrupt flag set again").isTrue();
		assertThat(this.scheduler.pending()).isZero();
		assertThat(((DefaultConcurrencyLimit) limit).slots().waiting()).isZero();
		limit.release(token);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void waitersAreServedInArrivalOrder() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		long token = limit.tryAcquire();
		List<CompletableFuture<Long>> waiters = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			waiters.add(limit.acquireAsync(null));
		}
		for (int served = 0; served < 5; served++) {
			limit.release(token);
			for (int i = 0; i < 5; i++) {
				assertThat(waiters.get(i).isDone()).as("waiter %d after %d releases", i, served + 1)
					.isEqualTo(i <= served);
			}
			token = waiters.get(served).join();
		}
		limit.release(token);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void atMost1024CallsWait() {
		ConcurrencyLimit limit = limit(1, MAX_WAIT);
		limit.tryAcquire();
		List<CompletableFuture<Long>> waiters = new ArrayList<>();
		for (int i = 0; i < 1024; i++) {
			waiters.add(limit.acquireAsync(null));
		}
		assertThat(waiters).noneMatch(CompletableFuture::isDone);
		assertThat(failure(limit.acquireAsync(null))).isInstanceOf(LimitExceededException.class)
			.hasMessage("Concurrency limit 'inventory' has no free slot (limit 1) and 1024 calls waiting already");
		assertThat(this.scheduler.pending()).isEqualTo(1024);
		waiters.get(500).cancel(false);
		assertThat(limit.acquireAsync(null)).isNotDone();
		assertThat(failure(limit.acquireAsync(null))).isInstanceOf(LimitExceededException.class);
		this.scheduler.advance(MAX_WAIT);
		assertThat(((DefaultConcurrencyLimit) limit).slots().waiting()).isZero();
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 2 + 1024));
	}

	@Test
	void waitIsRefusedWhenTheSchedulerIsShutDown() {
		DelayScheduler shutDown = (task, delayNanos) -> {
			throw new RejectedExecutionException("shut down");
		};
		ConcurrencyLimit limit = ConcurrencyLimit.of("inventory",
				ConcurrencyLimitConfig.builder().limit(1).maxWait(MAX_WAIT).build(), this.clock, shutDown,
				this.listener);
		long token = limit.tryAcquire();
		assertThat(failure(limit.acquireAsync(null))).isInstanceOf(RejectedExecutionException.class);
		assertThat(((DefaultConcurrencyLimit) limit).slots().waiting()).isZero();
		limit.release(token);
		assertThat(limit.inFlight()).isZero();
	}

	private ConcurrencyLimit limit(int limit, Duration maxWait) {
		return ConcurrencyLimit.of("inventory", ConcurrencyLimitConfig.builder().limit(limit).maxWait(maxWait).build(),
				this.clock, this.scheduler, this.listener);
	}

	private static LimitExceededException refusal(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).isInstanceOf(LimitExceededException.class);
		return (LimitExceededException) thrown;
	}

	private static Throwable failure(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		try {
			future.join();
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("not failed");
	}

}
