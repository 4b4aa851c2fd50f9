package dev.resilience.test;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ConcurrencyLimit.Metrics;

/**
 * Assertions over a {@link ConcurrencyLimit}: the counts of {@link ConcurrencyLimit#metrics()},
 * since start-up or the last reset, the limit in force and the calls in flight.
 *
 * <p>Not thread-safe, as AssertJ assertions are not.
 *
 * @since 0.3.0
 */
public final class ConcurrencyLimitAssert extends AbstractInstanceAssert<ConcurrencyLimitAssert, ConcurrencyLimit> {

	ConcurrencyLimitAssert(ConcurrencyLimit actual) {
		super(actual, ConcurrencyLimitAssert.class);
	}

	/**
	 * Checks the calls that got a slot, at once or after waiting.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public ConcurrencyLimitAssert hasPermittedCalls(long expected) {
		isNotNull();
		return has("permitted calls", expected, this.actual.metrics().permittedCalls());
	}

	/**
	 * Checks the calls refused for want of a slot.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public ConcurrencyLimitAssert hasRejectedCalls(long expected) {
		isNotNull();
		return has("rejected calls", expected, this.actual.metrics().rejectedCalls());
	}

	/**
	 * Checks the limit in force now.
	 * @param expected the limit expected
	 * @return this assertion
	 */
	public ConcurrencyLimitAssert hasLimit(int expected) {
		isNotNull();
		return has("as its limit", expected, this.actual.limit());
	}

	/**
	 * Checks the calls holding a slot now.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public ConcurrencyLimitAssert hasCallsInFlight(int expected) {
		isNotNull();
		return has("calls in flight", expected, this.actual.inFlight());
	}

	/** Checks that no call holds a slot: every slot taken was given back. */
	public ConcurrencyLimitAssert hasNoCallsInFlight() {
		return hasCallsInFlight(0);
	}

	@Override
	String instance() {
		return "concurrency limit '" + this.actual.name() + "'";
	}

	@Override
	String metrics() {
		Metrics metrics = this.actual.metrics();
		return "limit " + this.actual.limit() + ", in flight " + this.actual.inFlight() + ", permitted "
				+ metrics.permittedCalls() + ", rejected " + metrics.rejectedCalls();
	}

}
