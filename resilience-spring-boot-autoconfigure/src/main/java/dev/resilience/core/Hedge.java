package dev.resilience.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * Hedges calls for tail latency: when an attempt has not answered after the delay, the next
 * attempt starts beside it, up to {@code max-attempts} in all; the first success wins and the
 * other attempts are cancelled. If every attempt sent fails, the call fails with the failure of
 * the attempt that failed last. A hedge is extra load, so a budget of the retry budget's shape
 * caps hedges; a hedge it refuses is not sent. Only idempotent work may be hedged.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface Hedge {

	/**
	 * Returns a new hedge.
	 * @param name the instance name
	 * @param config the settings
	 * @param executor runs the attempts of synchronous calls; it decides which thread-local
	 * context they see
	 * @param scheduler sends each hedge after its delay
	 * @param clock measures the attempts' latency
	 * @param listener told of each call's outcome and of refused hedges
	 * @return the hedge
	 */
	static Hedge of(String name, HedgeConfig config, Executor executor, DelayScheduler scheduler, Clock clock,
			ResilienceListener listener) {
		return new DefaultHedge(name, config, RetryBudget.of(config.budget(), clock), executor, scheduler, clock,
				listener);
	}

	/** Returns the instance name. */
	String name();

	/** Returns the settings. */
	HedgeConfig config();

	/**
	 * Runs a synchronous call: every attempt on the executor, the caller waiting for the first
	 * success, or until every attempt sent failed, or until the caller's {@link Deadline}.
	 * Hedges are started from the scheduler's workers, so work that needs the caller's
	 * thread-local context must carry it itself.
	 * @param <T> the type of the result
	 * @param attempt runs attempt number {@code n} (1 for the first); attempts may run at once
	 * @return the first successful attempt's result
	 * @throws Throwable the failure of the attempt that failed last, a
	 * {@link TimeLimitExceededException} at the deadline, or {@link InterruptedException}
	 */
	<T extends @Nullable Object> T execute(Attempt<T> attempt) throws Throwable;

	/**
	 * Runs an asynchronous call without blocking: cancelling the returned future cancels every
	 * attempt and the hedges still to come.
	 * @param <T> the type of the result
	 * @param attempt starts attempt number {@code n} (1 for the first) and returns its stage
	 * @return completes with the first success, or with the failure of the attempt that failed last
	 */
	<T extends @Nullable Object> CompletableFuture<T> executeAsync(
			IntFunction<? extends CompletionStage<T>> attempt);

	/**
	 * Returns how long a call starting now waits for an attempt before sending the next.
	 * @return the delay in nanoseconds
	 */
	long delayNanos();

	/** Returns the counts since start-up, or since the last {@link #reset()}. */
	Metrics metrics();

	/**
	 * Sets the counts back to zero, forgets the latency learnt for a percentile delay and empties
	 * the hedges' budget, as if the hedge had just been created. Calls running meanwhile go on.
	 * Meant for tests that share an application context.
	 * @since 0.3.0
	 */
	void reset();

	/**
	 * One attempt of a synchronous hedged call.
	 *
	 * @param <T> the type of the result
	 */
	@FunctionalInterface
	interface Attempt<T extends @Nullable Object> {

		/**
		 * Runs the attempt.
		 * @param number the attempt's number, 1 for the first
		 * @return its result
		 * @throws Throwable its failure
		 */
		T run(int number) throws Throwable;

	}

	/**
	 * The counts of a hedge since start-up.
	 * @param calls hedged calls, one per call whatever its hedges
	 * @param hedgesSent attempts sent after the first
	 * @param hedgeWins calls that a hedge won
	 * @param budgetExhausted hedges due that the budget refused
	 */
	record Metrics(long calls, long hedgesSent, long hedgeWins, long budgetExhausted) {
	}

}
