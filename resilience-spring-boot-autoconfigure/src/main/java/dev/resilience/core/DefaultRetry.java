package dev.resilience.core;

import java.lang.System.Logger.Level;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.RetryOutcome;

/**
 * The {@link Retry} of the contract: retries retryable failures with an exponential, jittered
 * backoff, honours a {@code Retry-After} the failure asks for, and stops before a delay that
 * would end past {@code max-delay} or {@code max-duration}, rethrowing the last failure as it was.
 *
 * <p>Thread-safe: per-call state lives in locals; a call that succeeds at its first attempt
 * allocates nothing.
 */
final class DefaultRetry implements Retry {

	private static final System.Logger logger = System.getLogger(DefaultRetry.class.getName());

	private final String name;

	private final RetryConfig config;

	private final Clock clock;

	private final Sleeper sleeper;

	private final ResilienceListener listener;

	private final Backoff backoff;

	private final int maxAttempts;

	/** The bound on the whole call in nanoseconds, or -1 for none. */
	private final long maxDurationNanos;

	private final RetryCounters counters = new RetryCounters();

	private final RetryBudget budget;

	DefaultRetry(String name, RetryConfig config, RetryBudget budget, Clock clock, Sleeper sleeper,
			ResilienceListener listener) {
		this.name = name;
		this.config = config;
		this.clock = clock;
		this.sleeper = sleeper;
		this.listener = listener;
		this.backoff = Backoff.of(config);
		this.maxAttempts = config.maxAttempts();
		Duration maxDuration = config.maxDuration();
		this.maxDurationNanos = (maxDuration != null) ? Backoff.saturatedNanos(maxDuration) : -1;
		this.budget = budget;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public RetryConfig config() {
		return this.config;
	}

	@Override
	public <T extends @Nullable Object> T execute(CheckedSupplier<T> attempt) throws Throwable {
		if (this.maxDurationNanos < 0) {
			return attempts(attempt, 0L, null);
		}
		long start = this.clock.nanoTime();
		Deadline bounded = Deadline.within(this.config.maxDuration(), this.clock);
		try (Deadline.Scope scope = bounded.attach()) {
			return attempts(attempt, start, bounded);
		}
	}

	/**
	 * Runs the attempts.
	 * @param bounded the deadline of {@code max-duration}, or {@code null} when there is none: the
	 * thread's deadline is then read only when an attempt fails, since attempts restore it
	 */
	private <T extends @Nullable Object> T attempts(CheckedSupplier<T> attempt, long start,
			@Nullable Deadline bounded) throws Throwable {
		this.budget.recordFirstAttempt();
		for (int number = 1;; number++) {
			T result;
			try {
				result = attempt.get();
			}
			catch (Throwable failure) {
				Deadline deadline = (bounded != null) ? bounded : Deadline.current();
				long delay = delayBeforeRetry(number, failure, start, deadline);
				if (delay == Plan.STOP) {
					completed(failedOutcome(number), number);
					throw failure;
				}
				try {
					this.sleeper.sleep(delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					failure.addSuppressed(ex);
					completed(failedOutcome(number), number);
					throw failure;
				}
				if (!startRetry(number, delay, failure)) {
					throw failure;
				}
				continue;
			}
			completed((number == 1) ? RetryOutcome.SUCCESSFUL_WITHOUT_RETRY : RetryOutcome.SUCCESSFUL_WITH_RETRY,
					number);
			return result;
		}
	}

	@Override
	public Plan plan() {
		this.budget.recordFirstAttempt();
		if (this.maxDurationNanos < 0) {
			return new DefaultRetryPlan(this, 0L, Deadline.current());
		}
		return new DefaultRetryPlan(this, this.clock.nanoTime(), Deadline.within(this.config.maxDuration(), this.clock));
	}

	@Override
	public String budgetStore() {
		return this.budget.store();
	}

	@Override
	public Metrics metrics() {
		return this.counters.snapshot(this.budget.exhausted());
	}

	@Override
	public void reset() {
		this.counters.reset();
		this.budget.reset();
	}

	/**
	 * Decides whether a failed attempt is retried, and after which delay.
	 * @param failedAttempt the number of the attempt that failed, 1-based
	 * @param failure its failure
	 * @param start when the call started, on the clock's time line
	 * @param deadline the deadline of the call, or {@code null}: no delay is started that would
	 * leave no time for the next attempt
	 * @return the delay in nanoseconds, or {@link Plan#STOP}
	 */
	long delayBeforeRetry(int failedAttempt, Throwable failure, long start, @Nullable Deadline deadline) {
		if (failedAttempt >= this.maxAttempts || !this.config.isRetryable(failure)) {
			return Plan.STOP;
		}
		long delay = this.backoff.delayNanos(failedAttempt);
		long retryAfter = this.config.retryAfter().retryAfterNanos(failure, this.clock.currentTimeMillis());
		if (retryAfter >= 0) {
			if (retryAfter > this.backoff.maxDelayNanos()) {
				return Plan.STOP;
			}
			delay = Math.max(delay, retryAfter);
		}
		if (this.maxDurationNanos >= 0) {
			long elapsed = this.clock.nanoTime() - start;
			if (delay > this.maxDurationNanos - elapsed) {
				return Plan.STOP;
			}
		}
		if (deadline != null && delay > deadline.remainingNanos()) {
			return Plan.STOP;
		}
		if (!this.budget.hasRoomForRetry()) {
			budgetExhausted(failedAttempt);
			return Plan.STOP;
		}
		return delay;
	}

	/**
	 * Starts a retry once its delay has passed: charges it to the budget, reports and counts it,
	 * or, when the budget refuses it now, records the call as failed.
	 * @param failedAttempt the number of the attempt that failed, 1-based
	 * @param delay the delay that was waited
	 * @param failure the failure of that attempt, which the caller passes on when refused
	 * @return true if the next attempt may start
	 */
	boolean startRetry(int failedAttempt, long delay, Throwable failure) {
		if (!this.budget.tryAcquireRetry()) {
			budgetExhausted(failedAttempt);
			completed(failedOutcome(failedAttempt), failedAttempt);
			return false;
		}
		retrying(failedAttempt, delay, failure);
		this.counters.retried();
		return true;
	}

	static RetryOutcome failedOutcome(int attempts) {
		return (attempts == 1) ? RetryOutcome.FAILED_WITHOUT_RETRY : RetryOutcome.FAILED_WITH_RETRY;
	}

	private void retrying(int failedAttempt, long delay, Throwable failure) {
		try {
			this.listener.onRetry(this.name, failedAttempt, delay, failure);
		}
		catch (RuntimeException ex) {
			report(ex);
		}
	}

	void completed(RetryOutcome outcome, int attempts) {
		this.counters.completed(outcome);
		try {
			this.listener.onRetryCompleted(this.name, outcome, attempts);
		}
		catch (RuntimeException ex) {
			report(ex);
		}
	}

	private void budgetExhausted(int failedAttempt) {
		try {
			this.listener.onBudgetExhausted(this.name, failedAttempt);
		}
		catch (RuntimeException ex) {
			report(ex);
		}
	}

	private void report(RuntimeException ex) {
		logger.log(Level.WARNING, "Listener of retry '" + this.name + "' failed; the call goes on", ex);
	}

}
