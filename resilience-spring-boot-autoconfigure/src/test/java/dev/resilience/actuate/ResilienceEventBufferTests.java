package dev.resilience.actuate;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceListener.CallOutcome;
import dev.resilience.core.ResilienceListener.RetryOutcome;
import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;

import static org.assertj.core.api.Assertions.assertThat;

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

}
