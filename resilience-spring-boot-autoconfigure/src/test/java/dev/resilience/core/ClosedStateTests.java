package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ResilienceListener.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the closed state with a count-based window: when it opens, and how calls are
 * classified.
 */
class ClosedStateTests {

	private static final IOException FAILURE = new IOException("connection reset");

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerRecordingListener listener = new CircuitBreakerRecordingListener();

	private CircuitBreaker breaker = breaker((builder) -> {
	});

	@Test
	void startsClosedWithAnEmptyWindow() {
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
	}

	@Test
	void opensAfterFourFailures() {
		assertStatesAfter("FFFF", State.CLOSED, State.CLOSED, State.CLOSED, State.OPEN);
		assertThat(this.listener.transitions()).singleElement().satisfies((transition) -> {
			assertThat(transition.name()).isEqualTo("inventory");
			assertThat(transition.from()).isEqualTo(State.CLOSED);
			assertThat(transition.to()).isEqualTo(State.OPEN);
			assertThat(transition.reason()).isEqualTo("failure rate 100.0% >= 75.0%");
		});
	}

	@Test
	void opensWhenFailureRateReachesThresholdExactly() {
		assertStatesAfter("FFFS", State.CLOSED, State.CLOSED, State.CLOSED, State.OPEN);
		assertThat(this.listener.transitions()).singleElement()
			.satisfies((transition) -> assertThat(transition.reason()).isEqualTo("failure rate 75.0% >= 75.0%"));
	}

	@Test
	void decidesNothingBeforeMinimumCalls() {
		record("FFF");
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 3, 3, 0, 0));
	}

	@Test
	void rollsTheWindowOverTheLastCalls() {
		// Window of 4: the rate is computed over the last four outcomes.
		assertRatesAfter("S", -1);
		assertRatesAfter("F", -1);
		assertRatesAfter("F", -1);
		assertRatesAfter("S", 50); // S F F S
		assertRatesAfter("S", 50); // F F S S
		assertRatesAfter("F", 50); // F S S F
		assertRatesAfter("S", 25); // S S F S
		assertRatesAfter("F", 50); // S F S F
		assertRatesAfter("S", 50); // F S F S
		assertRatesAfter("F", 50); // S F S F
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		record("F"); // F S F F: 75%
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		assertThat(this.listener.transitionNames()).containsExactly("CLOSED -> OPEN");
	}

	@Test
	void effectiveMinimumCallsIsTheWindowSizeWhenLarger() {
		this.breaker = breaker((builder) -> builder.minimumCalls(10));
		assertStatesAfter("FFFF", State.CLOSED, State.CLOSED, State.CLOSED, State.OPEN);
	}

	@Test
	void countsAFailureThatIsNotRecordedAsASuccess() {
		this.breaker = breaker((builder) -> builder.recordOn(List.of(IOException.class)));
		for (int i = 0; i < 4; i++) {
			this.breaker.acquirePermit().onError(10, new IllegalArgumentException("bad input"));
		}
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(0, 0, 4, 0, 0, 0));
		assertThat(this.listener.calls(CallOutcome.SUCCESS)).isEqualTo(4);
	}

	@Test
	void recordsTransientFailuresByDefault() {
		this.breaker.acquirePermit().onError(10, new IOException("timeout"));
		this.breaker.acquirePermit().onError(10, new IllegalStateException("bug"));
		assertThat(this.breaker.metrics().failedCalls()).isEqualTo(1);
		assertThat(this.breaker.metrics().bufferedCalls()).isEqualTo(2);
	}

	@Test
	void ignoreWinsOverRecordOn() {
		this.breaker = breaker((builder) -> builder.recordOn(List.of(IOException.class))
			.ignore(List.of(java.io.FileNotFoundException.class)));
		for (int i = 0; i < 5; i++) {
			this.breaker.acquirePermit().onError(10, new java.io.FileNotFoundException("gone"));
		}
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		assertThat(this.listener.calls(CallOutcome.IGNORED)).isEqualTo(5);
		assertThat(this.listener.calls(CallOutcome.FAILURE)).isZero();
	}

	@Test
	void reportsEachRecordedCallWithItsDurationBeforeTheTransition() {
		this.breaker.acquirePermit().onSuccess(5);
		this.breaker.acquirePermit().onError(6, FAILURE);
		this.breaker.acquirePermit().onError(7, FAILURE);
		this.breaker.acquirePermit().onError(8, FAILURE);
		assertThat(this.listener.events()).containsExactly("SUCCESS 5", "FAILURE 6", "FAILURE 7", "FAILURE 8",
				"CLOSED -> OPEN");
	}

	@Test
	void opensWhenSlowCallRateReachesThreshold() throws Throwable {
		this.breaker = breaker((builder) -> builder.slowCallRateThreshold(50).slowCallDuration(Duration.ofSeconds(2)));
		assertThat(call(Duration.ofSeconds(2))).isEqualTo("done");
		call(Duration.ofMillis(1999));
		call(Duration.ofMillis(10));
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 3, 0, 1, 0));
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		call(Duration.ofSeconds(5));
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
		assertThat(this.listener.transitions()).singleElement()
			.satisfies((transition) -> assertThat(transition.reason()).isEqualTo("slow call rate 50.0% >= 50.0%"));
	}

	@Test
	void countsASlowFailureAsSlowAndFailed() {
		this.breaker = breaker((builder) -> builder.slowCallDuration(Duration.ofSeconds(1)));
		this.breaker.acquirePermit().onError(Duration.ofSeconds(3).toNanos(), FAILURE);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 1, 1, 1, 0));
	}

	@Test
	void executeRethrowsTheFailureUnchangedAndRecordsItsDuration() {
		Exception failure = new Exception("checked");
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> this.breaker.execute(() -> {
			this.clock.advance(Duration.ofMillis(40));
			throw failure;
		})).isSameAs(failure);
		// Not a transient failure: counted as a success.
		assertThat(this.breaker.metrics().bufferedCalls()).isEqualTo(1);
		assertThat(this.listener.events()).containsExactly("SUCCESS " + Duration.ofMillis(40).toNanos());
	}

	@Test
	void executeRethrowsErrorsUnchanged() {
		StackOverflowError error = new StackOverflowError();
		assertThatExceptionOfType(StackOverflowError.class).isThrownBy(() -> this.breaker.execute(() -> {
			throw error;
		})).isSameAs(error);
	}

	private CircuitBreaker breaker(Consumer<CircuitBreakerConfig.Builder> customizer) {
		CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.builder()
			.slidingWindowSize(4)
			.minimumCalls(4)
			.failureRateThreshold(75);
		customizer.accept(builder);
		return CircuitBreaker.of("inventory", builder.build(), this.clock, this.listener);
	}

	private String call(Duration duration) throws Throwable {
		return this.breaker.execute(() -> {
			this.clock.advance(duration);
			return "done";
		});
	}

	private void record(String outcomes) {
		for (char outcome : outcomes.toCharArray()) {
			CircuitBreaker.Permit permit = this.breaker.acquirePermit();
			if (outcome == 'F') {
				permit.onError(1_000, FAILURE);
			}
			else {
				permit.onSuccess(1_000);
			}
		}
	}

	private void assertStatesAfter(String outcomes, State... states) {
		for (int i = 0; i < outcomes.length(); i++) {
			record(outcomes.substring(i, i + 1));
			assertThat(this.breaker.state()).as("state after call %d", i + 1).isEqualTo(states[i]);
		}
	}

	private void assertRatesAfter(String outcome, float failureRate) {
		record(outcome);
		assertThat(this.breaker.state()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.metrics().failureRate()).isEqualTo(failureRate);
	}

}
