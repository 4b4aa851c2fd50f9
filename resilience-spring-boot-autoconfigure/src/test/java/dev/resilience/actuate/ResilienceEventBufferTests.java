package dev.resilience.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceListener.CallOutcome;
import dev.resilience.core.ResilienceListener.LimitOutcome;
import dev.resilience.core.ResilienceListener.RetryOutcome;
import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link ResilienceEventBuffer}.
 */
class ResilienceEventBufferTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock, 3);

	@Test
	void recordsEachKindOfEventWithItsDetail() {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock);
		buffer.onStateTransition("inventory", State.CLOSED, State.OPEN, "failure rate 60.0% >= 50.0%");
		buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		buffer.onRetry("pricing", 1, Duration.ofMillis(200).toNanos(), new IOException("down"));
		buffer.onTimeLimiterCall("pricing", TimeLimiterOutcome.TIMEOUT);
		buffer.onFallback("Catalog.load", new IllegalStateException("down"));
		assertThat(buffer.events(null)).extracting(ResilienceEventBuffer.Event::toString)
			.containsExactly(
					"Event[time=2023-11-14T22:13:20Z, name=inventory, kind=circuitbreaker, type=STATE_TRANSITION, "
							+ "detail=CLOSED -> OPEN]",
					"Event[time=2023-11-14T22:13:20Z, name=inventory, kind=circuitbreaker, type=REJECTED, "
							+ "detail=call not permitted]",
					"Event[time=2023-11-14T22:13:20Z, name=pricing, kind=retry, type=RETRY, "
							+ "detail=attempt 1 failed with java.io.IOException, retrying in 200ms]",
					"Event[time=2023-11-14T22:13:20Z, name=pricing, kind=timelimiter, type=TIMEOUT, "
							+ "detail=call timed out]",
					"Event[time=2023-11-14T22:13:20Z, name=Catalog.load, kind=fallback, type=FALLBACK, "
							+ "detail=fallback answered java.lang.IllegalStateException]");
	}

	@Test
	void recordsRefusalsOfBothLimitsAndEveryChangeOfAnAdaptiveLimit() {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock);
		buffer.onConcurrencyLimitCall("inbound", LimitOutcome.REJECTED);
		buffer.onLimitChanged("inbound", 25, 18);
		buffer.onLimitChanged("inbound", 18, 12);
		buffer.onRateLimiterCall("geocoder", LimitOutcome.REJECTED);
		buffer.onRateLimiterCall("geocoder", LimitOutcome.REJECTED);
		buffer.onConcurrencyLimitCall("inbound", LimitOutcome.PERMITTED);
		buffer.onRateLimiterCall("geocoder", LimitOutcome.PERMITTED);
		buffer.onRateLimiterCall("geocoder", LimitOutcome.WAITED);
		assertThat(buffer.events(null)).extracting((event) -> event.name() + " " + event.kind() + " " + event.type()
				+ " " + event.detail())
			.containsExactly("inbound concurrencylimit REJECTED no slot free",
					"inbound concurrencylimit LIMIT_CHANGED 25 -> 18", "inbound concurrencylimit LIMIT_CHANGED 18 -> 12",
					"geocoder ratelimiter REJECTED no turn within the wait allowed (2 calls)");
	}

	@Test
	void ignoresCallsThatAreNotNoteworthy() {
		this.buffer.onCircuitBreakerCall("inventory", CallOutcome.SUCCESS, 10);
		this.buffer.onCircuitBreakerCall("inventory", CallOutcome.FAILURE, 10);
		this.buffer.onCircuitBreakerCall("inventory", CallOutcome.IGNORED, 10);
		this.buffer.onRetryCompleted("inventory", RetryOutcome.FAILED_WITH_RETRY, 3);
		this.buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.SUCCESS);
		this.buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.FAILURE);
		assertThat(this.buffer.events(null)).isEmpty();
	}

	@Test
	void keepsTheNewestEventsLastWhenFull() {
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.clock.advance(Duration.ofSeconds(1));
			this.buffer.onRetry("inventory", attempt, 0, new IOException());
		}
		assertThat(this.buffer.events(null)).extracting(ResilienceEventBuffer.Event::detail)
			.containsExactly("attempt 3 failed with java.io.IOException, retrying in 0ms",
					"attempt 4 failed with java.io.IOException, retrying in 0ms",
					"attempt 5 failed with java.io.IOException, retrying in 0ms");
		assertThat(this.buffer.events(null)).extracting(ResilienceEventBuffer.Event::time)
			.containsExactly("2023-11-14T22:13:23Z", "2023-11-14T22:13:24Z", "2023-11-14T22:13:25Z");
	}

	@Test
	void filtersByName() {
		this.buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		this.buffer.onCircuitBreakerCall("pricing", CallOutcome.REJECTED, 0);
		this.buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.TIMEOUT);
		assertThat(this.buffer.events("inventory")).extracting(ResilienceEventBuffer.Event::type)
			.containsExactly("REJECTED", "TIMEOUT");
		assertThat(this.buffer.events("shipping")).isEmpty();
	}

	@Test
	void neverShowsExceptionMessages() {
		this.buffer.onRetry("inventory", 1, 0, new IOException("password=hunter2"));
		this.buffer.onFallback("Catalog.load", new IllegalStateException("password=hunter2"));
		assertThat(this.buffer.events(null)).allSatisfy((event) -> assertThat(event.toString()).doesNotContain("hunter2"));
	}

	@Test
	void writesSubMillisecondDelaysInMicroseconds() {
		this.buffer.onRetry("inventory", 2, 1_500_000, new IOException());
		assertThat(this.buffer.events(null)).extracting(ResilienceEventBuffer.Event::detail)
			.containsExactly("attempt 2 failed with java.io.IOException, retrying in 1500us");
	}

	@Test
	void foldsRepeatedEventsOfOneInstanceWithinASecondIntoTheFirst() {
		this.buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		this.clock.advance(Duration.ofMillis(999));
		for (int i = 0; i < 36; i++) {
			this.buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		}
		assertThat(this.buffer.events(null)).extracting(ResilienceEventBuffer.Event::time,
				ResilienceEventBuffer.Event::detail)
			.containsExactly(tuple("2023-11-14T22:13:20Z", "call not permitted (37 calls)"));
	}

	@Test
	void recordsARepeatedEventAnewOnceASecondHasPassed() {
		this.buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.TIMEOUT);
		this.buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.TIMEOUT);
		this.clock.advance(Duration.ofSeconds(1));
		this.buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.TIMEOUT);
		assertThat(this.buffer.events(null)).extracting(ResilienceEventBuffer.Event::time,
				ResilienceEventBuffer.Event::detail)
			.containsExactly(tuple("2023-11-14T22:13:20Z", "call timed out (2 calls)"),
					tuple("2023-11-14T22:13:21Z", "call timed out"));
	}

	@Test
	void foldsOnlyEventsOfTheSameInstanceTypeAndFailureClass() {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock);
		for (int i = 0; i < 2; i++) {
			buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
			buffer.onCircuitBreakerCall("pricing", CallOutcome.REJECTED, 0);
			buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.TIMEOUT);
			buffer.onFallback("Catalog.load", new IOException());
			buffer.onFallback("Catalog.load", new IllegalStateException());
			buffer.onBudgetExhausted("inventory", 2);
		}
		assertThat(buffer.events(null)).extracting(ResilienceEventBuffer.Event::name,
				ResilienceEventBuffer.Event::detail)
			.containsExactly(tuple("inventory", "call not permitted (2 calls)"),
					tuple("pricing", "call not permitted (2 calls)"), tuple("inventory", "call timed out (2 calls)"),
					tuple("Catalog.load", "fallback answered java.io.IOException (2 calls)"),
					tuple("Catalog.load", "fallback answered java.lang.IllegalStateException (2 calls)"),
					tuple("inventory", "attempt 2 failed; retry refused by the retry budget (2 calls)"));
	}

	@Test
	void foldsRetriesKeepingTheDetailOfTheFirst() {
		this.buffer.onRetry("inventory", 1, Duration.ofMillis(100).toNanos(), new IOException());
		this.buffer.onRetry("inventory", 2, Duration.ofMillis(200).toNanos(), new IOException());
		this.buffer.onRetry("inventory", 1, Duration.ofMillis(100).toNanos(), new UncheckedIOException(new IOException()));
		assertThat(this.buffer.events(null)).extracting(ResilienceEventBuffer.Event::detail)
			.containsExactly("attempt 1 failed with java.io.IOException, retrying in 100ms (2 retries)",
					"attempt 1 failed with java.io.UncheckedIOException, retrying in 100ms");
	}

	@Test
	void neverFoldsStateTransitionsAndFoldsNothingAcrossOne() {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock);
		buffer.onStateTransition("inventory", State.CLOSED, State.OPEN, "failure rate 60.0% >= 50.0%");
		buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		buffer.onStateTransition("inventory", State.OPEN, State.HALF_OPEN, "wait in open elapsed");
		buffer.onStateTransition("pricing", State.CLOSED, State.FORCED_OPEN, "forced");
		buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		buffer.onStateTransition("inventory", State.HALF_OPEN, State.OPEN, "trial call failed");
		buffer.onStateTransition("inventory", State.OPEN, State.HALF_OPEN, "wait in open elapsed");
		assertThat(buffer.events("inventory")).extracting(ResilienceEventBuffer.Event::detail)
			.containsExactly("CLOSED -> OPEN", "call not permitted (2 calls)", "OPEN -> HALF_OPEN",
					"call not permitted", "HALF_OPEN -> OPEN", "OPEN -> HALF_OPEN");
	}

	@Test
	void keepsTheTransitionThroughAMinuteOfRejections() {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock);
		buffer.onStateTransition("inventory", State.CLOSED, State.OPEN, "failure rate 60.0% >= 50.0%");
		for (int i = 0; i < 60_001; i++) {
			this.clock.advance(Duration.ofMillis(1));
			buffer.onCircuitBreakerCall("inventory", CallOutcome.REJECTED, 0);
		}
		List<ResilienceEventBuffer.Event> events = buffer.events(null);
		assertThat(events).hasSize(62);
		assertThat(events.get(0).detail()).isEqualTo("CLOSED -> OPEN");
		assertThat(events.subList(1, 61)).extracting(ResilienceEventBuffer.Event::detail)
			.containsOnly("call not permitted (1000 calls)");
		assertThat(events.get(61).detail()).isEqualTo("call not permitted");
	}

	@Test
	@Timeout(60)
	void countsEveryEventRecordedByManyThreadsAtOnce() throws Exception {
		int threads = 8;
		int eventsPerThread = 20_000;
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				futures.add(executor.submit(() -> {
					go.await();
					for (int i = 0; i < eventsPerThread; i++) {
						buffer.onCircuitBreakerCall((i % 2 == 0) ? "inventory" : "pricing", CallOutcome.REJECTED, 0);
						buffer.onTimeLimiterCall("inventory", TimeLimiterOutcome.TIMEOUT);
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		int half = threads * eventsPerThread / 2;
		assertThat(buffer.events(null)).extracting(ResilienceEventBuffer.Event::name,
				ResilienceEventBuffer.Event::detail)
			.containsExactlyInAnyOrder(tuple("inventory", "call not permitted (" + half + " calls)"),
					tuple("pricing", "call not permitted (" + half + " calls)"),
					tuple("inventory", "call timed out (" + 2 * half + " calls)"));
	}

}
