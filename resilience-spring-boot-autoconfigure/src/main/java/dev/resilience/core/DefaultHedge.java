package dev.resilience.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.HedgeOutcome;

/**
 * The {@link Hedge} of the contract: each call is a {@link HedgedRace} of its attempts; the delay
 * is fixed or read from a {@link LatencyHistogram} of the attempts' latency.
 *
 * <p>Thread-safe: per-call state lives in the call's race.
 */
final class DefaultHedge implements Hedge {

	private final String name;

	private final HedgeConfig config;

	private final RetryBudget budget;

	private final Executor executor;

	private final DelayScheduler scheduler;

	private final Clock clock;

	private final ResilienceListener listener;

	private final long fixedDelayNanos;

	private final long minDelayNanos;

	private final @Nullable LatencyHistogram latency;

	private final LongAdder calls = new LongAdder();

	private final LongAdder hedgesSent = new LongAdder();

	private final LongAdder hedgeWins = new LongAdder();

	private final LongAdder budgetExhausted = new LongAdder();

	DefaultHedge(String name, HedgeConfig config, RetryBudget budget, Executor executor, DelayScheduler scheduler,
			Clock clock, ResilienceListener listener) {
		this.name = name;
		this.config = config;
		this.budget = budget;
		this.executor = executor;
		this.scheduler = scheduler;
		this.clock = clock;
		this.listener = listener;
		this.fixedDelayNanos = Backoff.saturatedNanos(config.delay().fixed());
		this.minDelayNanos = Backoff.saturatedNanos(config.minDelay());
		this.latency = config.delay().isPercentile() ? new LatencyHistogram() : null;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public HedgeConfig config() {
		return this.config;
	}

	@Override
	public <T extends @Nullable Object> T execute(Attempt<T> attempt) throws Throwable {
		HedgedRace<T> race = start((number) -> WorkerAttempt.start(() -> attempt.run(number), this.executor));
		Deadline deadline = Deadline.current();
		try {
			return (deadline != null) ? race.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)
					: race.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause != null) ? cause : ex;
		}
		catch (TimeoutException ex) {
			race.cancel(true);
			throw new TimeLimitExceededException(this.name, java.time.Duration.ZERO);
		}
		catch (InterruptedException ex) {
			race.cancel(true);
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

	@Override
	public <T extends @Nullable Object> CompletableFuture<T> executeAsync(
			IntFunction<? extends CompletionStage<T>> attempt) {
		return start(attempt);
	}

	private <T extends @Nullable Object> HedgedRace<T> start(IntFunction<? extends CompletionStage<T>> attempt) {
		this.calls.increment();
		this.budget.recordFirstAttempt();
		HedgedRace<T> race = new HedgedRace<>(this, attempt, this.config.maxAttempts(), delayNanos());
		race.start();
		return race;
	}

	@Override
	public long delayNanos() {
		LatencyHistogram latency = this.latency;
		if (latency == null) {
			return this.fixedDelayNanos;
		}
		long percentile = latency.percentileNanos(this.config.delay().percentile(), HedgeConfig.MINIMUM_CALLS);
		return (percentile < 0) ? this.minDelayNanos : percentile;
	}

	@Override
	public Metrics metrics() {
		return new Metrics(this.calls.sum(), this.hedgesSent.sum(), this.hedgeWins.sum(), this.budgetExhausted.sum());
	}

	@Override
	public void reset() {
		this.calls.reset();
		this.hedgesSent.reset();
		this.hedgeWins.reset();
		this.budgetExhausted.reset();
		LatencyHistogram latency = this.latency;
		if (latency != null) {
			latency.reset();
		}
		this.budget.reset();
	}

	DelayScheduler scheduler() {
		return this.scheduler;
	}

	Clock clock() {
		return this.clock;
	}

	/** Asks the budget for a hedge that is due; counts and reports it either way. */
	boolean tryHedge(int attempt) {
		if (this.budget.tryAcquireRetry()) {
			this.hedgesSent.increment();
			return true;
		}
		this.budgetExhausted.increment();
		this.listener.onHedgeBudgetExhausted(this.name, attempt);
		return false;
	}

	/** An attempt ended, by itself or cancelled after it had run this long. */
	void attemptEnded(long latencyNanos) {
		LatencyHistogram latency = this.latency;
		if (latency != null) {
			latency.record(latencyNanos);
		}
	}

	void won(int attempt, int attemptsSent) {
		HedgeOutcome outcome = (attempt == 1) ? HedgeOutcome.FIRST_WON : HedgeOutcome.HEDGE_WON;
		if (attempt > 1) {
			this.hedgeWins.increment();
		}
		this.listener.onHedgeCall(this.name, outcome, attemptsSent - 1);
	}

	void failed(int attemptsSent) {
		this.listener.onHedgeCall(this.name, HedgeOutcome.FAILED, attemptsSent - 1);
	}

	@Override
	public String toString() {
		return "Hedge '" + this.name + "'";
	}

}
