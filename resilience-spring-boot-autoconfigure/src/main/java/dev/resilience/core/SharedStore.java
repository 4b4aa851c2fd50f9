package dev.resilience.core;

/**
 * Keeps the state of the rate limiters and retry budgets configured with {@link Store#REDIS}
 * where every instance of the application shares it. The registry asks it for such instances; without one, they keep
 * their state locally.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.2.0
 */
public interface SharedStore {

	/** The name of the circuit breaker that decides whether the shared store is asked at all. */
	String PROBE_NAME = "resilience-redis";

	/**
	 * Returns a rate limiter whose bound holds for every instance of the application, and which
	 * decides locally, with the same settings, while the shared store does not answer.
	 * @param name the instance name
	 * @param config its settings
	 * @param probe the circuit breaker that lets a decision reach the shared store, or sends it to
	 * the local decision at once while the store is known not to answer
	 * @param clock the source of time of the registry
	 * @param sleeper waits for a call's turn
	 * @param listener receives how each call fared
	 * @return the shared rate limiter
	 */
	RateLimiter rateLimiter(String name, RateLimiterConfig config, CircuitBreaker probe, Clock clock, Sleeper sleeper,
			ResilienceListener listener);

	/**
	 * Returns a retry budget whose bound holds for every instance of the application, and which
	 * decides locally, with the same settings, while the shared store does not answer.
	 * @param name the name of the retry instance
	 * @param config the budget's settings
	 * @param probe the circuit breaker that lets a decision reach the shared store, or sends it to
	 * the local decision at once while the store is known not to answer
	 * @param clock the source of time of the registry
	 * @param listener receives the decisions made locally
	 * @return the shared retry budget
	 */
	RetryBudget retryBudget(String name, RetryBudgetConfig config, CircuitBreaker probe, Clock clock,
			ResilienceListener listener);

}
