package dev.resilience.sample.shop;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.core.RetryConfig;

/**
 * The most requests a burst of clicks on {@code GET /storm/click} can make to the inventory within
 * one budget window, from the configuration of the three layers that retry: each call of a layer
 * may be retried {@code max-attempts - 1} times, but over the window its budget allows
 * {@code min-per-second x window-seconds + ratio x calls} retries in all.
 */
final class StormBound {

	private static final String[] LAYERS_TOP_DOWN = { "storm-page", "storm-stock", "storm-inventory" };

	private final ResilienceRegistry registry;

	StormBound(ResilienceRegistry registry) {
		this.registry = registry;
	}

	long requestsToTheInventoryAtMost(long clicks) {
		long calls = clicks;
		for (String layer : LAYERS_TOP_DOWN) {
			calls = callsAtMost(layer, calls);
		}
		return calls;
	}

	private long callsAtMost(String layer, long calls) {
		RetryConfig config = this.registry.retry(layer).config();
		RetryBudgetConfig budget = config.budget();
		double windowSeconds = budget.window().toMillis() / 1000.0;
		long allowedRetries = (long) (budget.minPerSecond() * windowSeconds + budget.ratio() * calls);
		return calls + Math.min((config.maxAttempts() - 1) * calls, allowedRetries);
	}

}
