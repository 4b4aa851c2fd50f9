package dev.resilience.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.resilience.core.ResilienceListener.LimitOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The behaviour every {@link RateLimiter} shares, whatever keeps its rolling window: each
 * subclass creates its kind of limiter, and the same assertions run on a manual clock, whose
 * sleeper moves the clock instead of sleeping. Periods are a second or longer, far longer than
 * a test takes: a limiter kept in Redis lets its key expire one period of real time after its
 * latest start, whatever the manual clock says.
 */
public abstract class RateLimiterContract {

	protected static final long REFUSED = RateLimiter.REFUSED;

	protected final ManualClock clock = new ManualClock();

	protected final List<LimitOutcome> outcomes = new CopyOnWriteArrayList<>();

	protected final ResilienceListener listener = new ResilienceListener() {

		@Override
		public void onRateLimiterCall(String name, LimitOutcome outcome) {
			assertThat(name).isEqualTo("orders");
			RateLimiterContract.this.outcomes.add(outcome);
		}

	};

	/**
	 * Creates the rate limiter under test.
	 * @param name the instance name
	 * @param config the settings
	 * @param clock the source of time
	 * @param sleeper waits for a call's turn
	 * @param listener receives how each call fared
	 * @return a new rate limiter with no start yet
	 */
	protected abstract RateLimiter newLimiter(String name, RateLimiterConfig config, Clock clock, Sleeper sleeper,
			ResilienceListener listener);

	@Test
	void firstLimitCallsStartAtOnce() {
		RateLimiter limiter = limiter(3, Duration.ofSeconds(1), Duration.ZERO);
		assertThat(limiter.available()).isEqualTo(3);
		assertThat(reserve(limiter, 4)).containsExactly(0L, 0L, 0L, REFUSED);
		assertThat(limiter.available()).isZero();
	}

	@Test
	void refusesWhatAFixedWindowWouldLetThrough() {
		RateLimiter limiter = limiter(3, Duration.ofSeconds(1), Duration.ZERO);
		at(Duration.ofMillis(900));
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, 0L);
		// a fixed window would start afresh at 1s; here (0.05s, 1.05s] already holds three starts
		at(Duration.ofMillis(1050));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		at(Duration.ofMillis(1899));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		at(Duration.ofMillis(1900));
		assertThat(reserve(limiter, 4)).containsExactly(0L, 0L, 0L, REFUSED);
	}

	@Test
	void windowRollsWithEachStartRatherThanWithPeriods() {
		RateLimiter limiter = limiter(3, Duration.ofSeconds(1), Duration.ZERO);
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofMillis(500));
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofMillis(900));
		assertThat(limiter.reserve(null)).isZero();
		// the start at 0 has left (0s, 1s]
		at(Duration.ofSeconds(1));
		assertThat(limiter.reserve(null)).isZero();
		// (0.05s, 1.05s] holds the starts at 0.5s, 0.9s and 1s
		at(Duration.ofMillis(1050));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		at(Duration.ofMillis(1500));
		assertThat(reserve(limiter, 2)).containsExactly(0L, REFUSED);
	}

	@Test
	void aStartFreesUpExactlyOnePeriodAfterIt() {
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ZERO);
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofMillis(300));
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofSeconds(1).minusNanos(1));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		at(Duration.ofSeconds(1));
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofMillis(1300).minusNanos(1));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		at(Duration.ofMillis(1300));
		assertThat(limiter.reserve(null)).isZero();
	}

	@Test
	void limitOfOneSpacesStartsByAPeriod() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ZERO);
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.reserve(null)).isZero();
			this.clock.advance(Duration.ofMillis(999));
			assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
			this.clock.advance(Duration.ofMillis(1));
		}
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(5, 0, 5));
	}

	@Test
	void longPeriodKeepsStartsForTheWholePeriod() {
		RateLimiter limiter = limiter(2, Duration.ofDays(1), Duration.ZERO);
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, REFUSED);
		at(Duration.ofDays(1).minusNanos(1));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		at(Duration.ofDays(1));
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, REFUSED);
	}

	@Test
	void periodAndWaitOfCenturiesCountAsDecades() {
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		RateLimiter limiter = limiter(1, forever, forever);
		assertThat(limiter.reserve(null)).isZero();
		assertThat(limiter.reserve(null)).isGreaterThan(Duration.ofDays(70 * 365).toNanos());
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		assertThat(limiter.available()).isZero();
	}

	@Test
	void periodTooLongForNanosecondsKeepsStartsForDecades() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(Long.MAX_VALUE), Duration.ZERO);
		assertThat(limiter.reserve(null)).isZero();
		this.clock.advance(Duration.ofDays(50 * 365));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		assertThat(limiter.available()).isZero();
	}

	@Test
	void waitsExactlyUntilItsTurn() {
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ofMillis(500));
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofMillis(200));
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofMillis(700));
		assertThat(limiter.reserve(null)).isEqualTo(Duration.ofMillis(300).toNanos());
		assertThat(limiter.reserve(null)).isEqualTo(Duration.ofMillis(500).toNanos());
	}

	@Test
	void callsOverTheLimitQueueBehindEachOther() {
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ofSeconds(2));
		long second = Duration.ofSeconds(1).toNanos();
		assertThat(reserve(limiter, 7)).containsExactly(0L, 0L, second, second, 2 * second, 2 * second, REFUSED);
		// the reserved starts count: a second later the next turn, at 3s, is within max-wait
		at(Duration.ofSeconds(1));
		assertThat(limiter.reserve(null)).isEqualTo(2 * second);
	}

	@Test
	void refusesATurnLaterThanMaxWaitAndReservesNothing() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ofMillis(500));
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofMillis(400));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
		at(Duration.ofMillis(500));
		assertThat(limiter.reserve(null)).isEqualTo(Duration.ofMillis(500).toNanos());
	}

	@Test
	void withoutMaxWaitACallOverTheLimitIsRefusedAtOnce() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ZERO);
		assertThat(limiter.reserve(null)).isZero();
		at(Duration.ofSeconds(1).minusNanos(1));
		assertThat(limiter.reserve(null)).isEqualTo(REFUSED);
	}

	@Test
	void neverWaitsUntilOrPastTheDeadline() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ofSeconds(10));
		assertThat(limiter.reserve(null)).isZero();
		assertThat(limiter.reserve(Deadline.within(Duration.ofMillis(500), this.clock))).isEqualTo(REFUSED);
		// starting at the deadline would leave the call no time at all
		assertThat(limiter.reserve(Deadline.within(Duration.ofSeconds(1), this.clock))).isEqualTo(REFUSED);
		assertThat(limiter.reserve(Deadline.within(Duration.ofSeconds(1).plusNanos(1), this.clock)))
			.isEqualTo(Duration.ofSeconds(1).toNanos());
	}

	@Test
	void maxWaitBoundsTheWaitWhenTheDeadlineIsFurther() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ofMillis(500));
		assertThat(limiter.reserve(null)).isZero();
		assertThat(limiter.reserve(Deadline.within(Duration.ofMinutes(1), this.clock))).isEqualTo(REFUSED);
	}

	@Test
	void callWithAnExpiredDeadlineIsRefusedEvenWhenItCouldStart() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ofSeconds(10));
		Deadline deadline = Deadline.within(Duration.ofMillis(100), this.clock);
		at(Duration.ofMillis(100));
		assertThat(limiter.available()).isEqualTo(1);
		assertThat(limiter.reserve(deadline)).isEqualTo(REFUSED);
		assertThat(limiter.available()).isEqualTo(1);
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(0, 0, 1));
		assertThat(this.outcomes).containsExactly(LimitOutcome.REJECTED);
	}

	@Test
	void callWithADeadlineLeftStartsAtOnceWhenItCan() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ZERO);
		assertThat(limiter.reserve(Deadline.within(Duration.ofNanos(1), this.clock))).isZero();
	}

	@Test
	void acquireSleepsExactlyTheReservedTime() throws InterruptedException {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ofSeconds(1));
		limiter.acquire(null);
		at(Duration.ofMillis(250));
		limiter.acquire(null);
		assertThat(this.clock.nanoTime()).isEqualTo(Duration.ofSeconds(1).toNanos());
		limiter.acquire(null);
		assertThat(this.clock.nanoTime()).isEqualTo(Duration.ofSeconds(2).toNanos());
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(750), Duration.ofSeconds(1));
		assertThat(this.outcomes).containsExactly(LimitOutcome.PERMITTED, LimitOutcome.WAITED, LimitOutcome.WAITED);
	}

	@Test
	void acquireThrowsLimitExceededWithNameAndLimitWhenRefused() throws InterruptedException {
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ZERO);
		limiter.acquire(null);
		limiter.acquire(null);
		assertThatExceptionOfType(LimitExceededException.class).isThrownBy(() -> limiter.acquire(null))
			.withMessage("Rate limiter 'orders' permits 2 calls per 1000ms and the call's turn comes later than it may wait")
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("orders");
				assertThat(ex.getLimit()).isEqualTo(2);
				assertThat(ex.getStackTrace()).isEmpty();
			});
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(this.outcomes).containsExactly(LimitOutcome.PERMITTED, LimitOutcome.PERMITTED,
				LimitOutcome.REJECTED);
	}

	@Test
	void acquireRefusesPastTheDeadline() {
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ofSeconds(5));
		limiter.reserve(null);
		Throwable thrown = catchThrowable(() -> limiter.acquire(Deadline.within(Duration.ofMillis(999), this.clock)));
		assertThat(thrown).isInstanceOf(LimitExceededException.class);
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@Test
	void interruptedWaitKeepsTheStartSpent() {
		RateLimiter limiter = newLimiter("orders",
				RateLimiterConfig.builder().limit(1).period(Duration.ofSeconds(1)).maxWait(Duration.ofSeconds(5)).build(),
				this.clock, (nanos) -> {
					throw new InterruptedException();
				}, this.listener);
		assertThat(limiter.reserve(null)).isZero();
		assertThat(catchThrowable(() -> limiter.acquire(null))).isInstanceOf(InterruptedException.class);
		// the interrupted call's start at 1s still counts: the next turn is at 2s
		assertThat(limiter.reserve(null)).isEqualTo(Duration.ofSeconds(2).toNanos());
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(3, 2, 0));
	}

	@Test
	void countsAndReportsHowEachCallFared() {
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(reserve(limiter, 5)).containsExactly(0L, 0L, 1_000_000_000L, 1_000_000_000L, REFUSED);
		at(Duration.ofSeconds(3));
		assertThat(reserve(limiter, 1)).containsExactly(0L);
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(5, 2, 1));
		assertThat(this.outcomes).containsExactly(LimitOutcome.PERMITTED, LimitOutcome.PERMITTED, LimitOutcome.WAITED,
				LimitOutcome.WAITED, LimitOutcome.REJECTED, LimitOutcome.PERMITTED);
	}

	@Test
	void listenerThatThrowsNeverFailsTheCall() throws InterruptedException {
		RateLimiter limiter = newLimiter("orders", RateLimiterConfig.builder().limit(1).build(), this.clock,
				this.clock, new ResilienceListener() {

					@Override
					public void onRateLimiterCall(String name, LimitOutcome outcome) {
						throw new IllegalStateException("listener bug");
					}

				});
		limiter.acquire(null);
		assertThatExceptionOfType(LimitExceededException.class).isThrownBy(() -> limiter.acquire(null));
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(1, 0, 1));
	}

	@Test
	void availableFollowsTheWindowAsItSlides() {
		RateLimiter limiter = limiter(3, Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(limiter.available()).isEqualTo(3);
		limiter.reserve(null);
		assertThat(limiter.available()).isEqualTo(2);
		at(Duration.ofMillis(500));
		reserve(limiter, 2);
		assertThat(limiter.available()).isZero();
		at(Duration.ofSeconds(1).minusNanos(1));
		assertThat(limiter.available()).isZero();
		at(Duration.ofSeconds(1));
		assertThat(limiter.available()).isEqualTo(1);
		at(Duration.ofMillis(1500));
		assertThat(limiter.available()).isEqualTo(3);
		at(Duration.ofDays(3));
		assertThat(limiter.available()).isEqualTo(3);
	}

	@Test
	void reservedStartsAreNotAvailable() {
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, Duration.ofSeconds(1).toNanos());
		at(Duration.ofMillis(500));
		assertThat(limiter.available()).isZero();
		// of the starts at 0, 0 and 1s, one has left the window; the reserved one occupies the other
		at(Duration.ofSeconds(1));
		assertThat(limiter.available()).isEqualTo(1);
		at(Duration.ofSeconds(2));
		assertThat(limiter.available()).isEqualTo(2);
	}

	@Test
	void availableSearchesALargeRing() {
		RateLimiter limiter = limiter(RateLimiterConfig.Builder.MAX_LIMIT, Duration.ofSeconds(10), Duration.ZERO);
		for (int i = 0; i < RateLimiterConfig.Builder.MAX_LIMIT; i++) {
			assertThat(limiter.reserve(null)).isZero();
			this.clock.advance(Duration.ofNanos(1_000_000));
		}
		// the starts were 1ms apart from 0 to 9.999s
		assertThat(limiter.available()).isEqualTo(1);
		at(Duration.ofMillis(10_002).plusNanos(500_000));
		assertThat(limiter.available()).isEqualTo(3);
		assertThat(reserve(limiter, 4)).containsExactly(0L, 0L, 0L, REFUSED);
		assertThat(limiter.available()).isZero();
	}

	@Test
	void resetEmptiesTheWindowAndTheCounts() {
		RateLimiter limiter = limiter(2, Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(reserve(limiter, 4)).containsExactly(0L, 0L, 1_000_000_000L, 1_000_000_000L);
		assertThat(limiter.available()).isZero();
		limiter.reset();
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(0, 0, 0));
		assertThat(limiter.available()).isEqualTo(2);
		assertThat(reserve(limiter, 3)).containsExactly(0L, 0L, 1_000_000_000L);
		assertThat(limiter.metrics()).isEqualTo(new RateLimiter.Metrics(3, 1, 0));
	}

	@Test
	void exposesItsNameAndSettings() {
		RateLimiterConfig config = RateLimiterConfig.builder().limit(5).build();
		RateLimiter limiter = newLimiter("orders", config, this.clock, this.clock, this.listener);
		assertThat(limiter.name()).isEqualTo("orders");
		assertThat(limiter.config()).isSameAs(config);
	}

	protected final RateLimiter limiter(int limit, Duration period, Duration maxWait) {
		RateLimiterConfig config = RateLimiterConfig.builder().limit(limit).period(period).maxWait(maxWait).build();
		return newLimiter("orders", config, this.clock, this.clock, this.listener);
	}

	protected static List<Long> reserve(RateLimiter limiter, int calls) {
		Long[] waits = new Long[calls];
		for (int i = 0; i < calls; i++) {
			waits[i] = limiter.reserve(null);
		}
		return List.of(waits);
	}

	/** Moves the clock, which starts at 0, to the given time. */
	protected final void at(Duration time) {
		this.clock.advance(Duration.ofNanos(time.toNanos() - this.clock.nanoTime()));
	}

}
