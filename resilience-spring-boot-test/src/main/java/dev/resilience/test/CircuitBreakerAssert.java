package dev.resilience.test;

import java.util.Locale;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;

/**
 * Assertions over a {@link CircuitBreaker}: its state and the metrics of its current window, as
 * {@link CircuitBreaker#state()} and {@link CircuitBreaker#metrics()} report them. Rates are in
 * percent, and -1 until the window holds {@code minimum-calls} calls.
 *
 * <p>Not thread-safe, as AssertJ assertions are not.
 *
 * @since 0.3.0
 */
public final class CircuitBreakerAssert extends AbstractInstanceAssert<CircuitBreakerAssert, CircuitBreaker> {

	/** How far a rate may be from the one expected, in percentage points: rates are floats. */
	private static final double RATE_TOLERANCE = 0.01;

	CircuitBreakerAssert(CircuitBreaker actual) {
		super(actual, CircuitBreakerAssert.class);
	}

	/** Checks that the breaker is {@link State#CLOSED}. */
	public CircuitBreakerAssert isClosed() {
		return hasState(State.CLOSED);
	}

	/**
	 * Checks that the breaker is {@link State#OPEN}. An open breaker whose wait is over is still
	 * open until the next call asks it for a permit.
	 */
	public CircuitBreakerAssert isOpen() {
		return hasState(State.OPEN);
	}

	/** Checks that the breaker is {@link State#HALF_OPEN}. */
	public CircuitBreakerAssert isHalfOpen() {
		return hasState(State.HALF_OPEN);
	}

	/** Checks that the breaker is {@link State#FORCED_OPEN}. */
	public CircuitBreakerAssert isForcedOpen() {
		return hasState(State.FORCED_OPEN);
	}

	/** Checks that the breaker is {@link State#DISABLED}. */
	public CircuitBreakerAssert isDisabled() {
		return hasState(State.DISABLED);
	}

	/**
	 * Checks the breaker's state.
	 * @param expected the state expected
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasState(State expected) {
		isNotNull();
		State state = this.actual.state();
		if (state != expected) {
			fail("Expecting %s to be %s but was %s%n(%s)", instance(), expected, state, metrics());
		}
		return this;
	}

	/**
	 * Checks the failure rate of the current window, within a hundredth of a percentage point.
	 * @param expected the rate expected, in percent, or -1 for a window below its minimum calls
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasFailureRate(double expected) {
		return hasRate("a failure rate of", expected, this.actual.metrics().failureRate(), false);
	}

	/**
	 * Checks that the failure rate of the current window is at least the given one.
	 * @param minimum the least rate expected, in percent
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasFailureRateAtLeast(double minimum) {
		return hasRate("a failure rate of at least", minimum, this.actual.metrics().failureRate(), true);
	}

	/**
	 * Checks the slow-call rate of the current window, within a hundredth of a percentage point.
	 * @param expected the rate expected, in percent, or -1 for a window below its minimum calls
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasSlowCallRate(double expected) {
		return hasRate("a slow-call rate of", expected, this.actual.metrics().slowCallRate(), false);
	}

	/**
	 * Checks the calls recorded in the current window.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasBufferedCalls(int expected) {
		isNotNull();
		return has("buffered calls", expected, this.actual.metrics().bufferedCalls());
	}

	/**
	 * Checks the failed calls in the current window.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasFailedCalls(int expected) {
		isNotNull();
		return has("failed calls", expected, this.actual.metrics().failedCalls());
	}

	/**
	 * Checks the slow calls in the current window.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasSlowCalls(int expected) {
		isNotNull();
		return has("slow calls", expected, this.actual.metrics().slowCalls());
	}

	/**
	 * Checks the calls rejected since the breaker last changed state.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public CircuitBreakerAssert hasNotPermittedCalls(long expected) {
		isNotNull();
		return has("not permitted calls", expected, this.actual.metrics().notPermittedCalls());
	}

	private CircuitBreakerAssert hasRate(String what, double expected, float rate, boolean atLeast) {
		isNotNull();
		boolean matches = atLeast ? rate >= expected - RATE_TOLERANCE : Math.abs(rate - expected) <= RATE_TOLERANCE;
		if (!matches) {
			fail("Expecting %s to have %s %s but had %s%n(%s)", instance(), what, percent(expected), percent(rate),
					metrics());
		}
		return this;
	}

	@Override
	String instance() {
		return "circuit breaker '" + this.actual.name() + "'";
	}

	@Override
	String metrics() {
		Metrics metrics = this.actual.metrics();
		return String.format(Locale.ROOT,
				"state %s, failure rate %s, slow-call rate %s, %d buffered calls, %d failed, %d slow, %d not permitted",
				this.actual.state(), percent(metrics.failureRate()), percent(metrics.slowCallRate()),
				metrics.bufferedCalls(), metrics.failedCalls(), metrics.slowCalls(), metrics.notPermittedCalls());
	}

	private static String percent(double rate) {
		return (rate < 0) ? "-1 (too few calls)" : String.format(Locale.ROOT, "%.2f%%", rate);
	}

}
