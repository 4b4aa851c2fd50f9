package dev.resilience.test;

import dev.resilience.core.Hedge;
import dev.resilience.core.Hedge.Metrics;

/**
 * Assertions over a {@link Hedge}: the counts of {@link Hedge#metrics()}, since start-up or the
 * last reset.
 *
 * <p>Not thread-safe, as AssertJ assertions are not.
 *
 * @since 0.3.0
 */
public final class HedgeAssert extends AbstractInstanceAssert<HedgeAssert, Hedge> {

	HedgeAssert(Hedge actual) {
		super(actual, HedgeAssert.class);
	}

	/**
	 * Checks the hedged calls, one per call whatever its hedges.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public HedgeAssert hasCalls(long expected) {
		isNotNull();
		return has("calls", expected, this.actual.metrics().calls());
	}

	/**
	 * Checks the attempts sent after the first.
	 * @param expected the hedges expected
	 * @return this assertion
	 */
	public HedgeAssert hasHedgesSent(long expected) {
		isNotNull();
		return has("hedges sent", expected, this.actual.metrics().hedgesSent());
	}

	/**
	 * Checks the calls a hedge won.
	 * @param expected the calls expected
	 * @return this assertion
	 */
	public HedgeAssert hasHedgeWins(long expected) {
		isNotNull();
		return has("calls won by a hedge", expected, this.actual.metrics().hedgeWins());
	}

	/**
	 * Checks the hedges the budget refused.
	 * @param expected the refusals expected
	 * @return this assertion
	 */
	public HedgeAssert hasBudgetExhausted(long expected) {
		isNotNull();
		return has("hedges refused by the budget", expected, this.actual.metrics().budgetExhausted());
	}

	@Override
	String instance() {
		return "hedge '" + this.actual.name() + "'";
	}

	@Override
	String metrics() {
		Metrics metrics = this.actual.metrics();
		return "calls " + metrics.calls() + ", hedges sent " + metrics.hedgesSent() + ", won by a hedge "
				+ metrics.hedgeWins() + ", refused by the budget " + metrics.budgetExhausted();
	}

}
