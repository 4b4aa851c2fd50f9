package dev.resilience.core;

/**
 * Tests for {@link SlottedRetryBudget}: the shared behaviour of {@link RetryBudgetContract}.
 */
class SlottedRetryBudgetTests extends RetryBudgetContract {

	@Override
	protected RetryBudget newBudget(RetryBudgetConfig config, Clock clock) {
		return RetryBudget.of(config, clock);
	}

}
