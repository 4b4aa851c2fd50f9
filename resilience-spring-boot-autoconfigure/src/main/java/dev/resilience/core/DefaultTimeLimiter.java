package dev.resilience.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;
import dev.resilience.core.TimeLimiter.Plan;

/**
 * The {@link TimeLimiter} of the contract: runs each synchronous call as a {@link TimeLimitedCall}
 * on the given executor, with the call's deadline current there, and waits for it at most the
 * time its {@link Plan} allows; then the caller gets a {@link TimeLimitExceededException} at once,
 * the call is cancelled (interrupting the work with {@code cancel-running}), and whatever the work
 * returns later is discarded. A failure of the work reaches the caller unchanged. Asynchronous calls
 * are raced against a timer of the scheduler ({@link AsyncTimeLimit}).
 *
 * <p>Thread-safe: per-call state lives in locals and in the task of the call.
 */
final class DefaultTimeLimiter implements TimeLimiter {

	private static final System.Logger logger = System.getLogger(DefaultTimeLimiter.class.getName());

	private final String name;

	private final TimeLimiterConfig config;

	private final Executor executor;

	private final DelayScheduler scheduler;

	private final Clock clock;

	private final ResilienceListener listener;

	private final Duration timeout;

	private final long timeoutNanos;

	private final boolean cancelRunning;

	private final LongAdder successful = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder timedOut = new LongAdder();

	DefaultTimeLimiter(String name, TimeLimiterConfig config, Executor executor, DelayScheduler scheduler,
			Clock clock, ResilienceListener listener) {
		this.name = name;
		this.config = config;
		this.executor = executor;
		this.scheduler = scheduler;
		this.clock = clock;
		this.listener = listener;
		this.timeout = config.timeout();
		this.timeoutNanos = Backoff.saturatedNanos(this.timeout);
		this.cancelRunning = config.cancelRunning();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public TimeLimiterConfig config() {
		return this.config;
	}

	@Override
	public <T extends @Nullable Object> T execute(CheckedSupplier<T> call) throws Throwable {
		Plan plan = plan(Deadline.current());
		long allowed = plan.allowedNanos();
		if (allowed <= 0) {
			plan.onTimeout();
			throw plan.exceeded();
		}
		// the call carries its deadline to the worker itself, whatever the executor propagates
		TimeLimitedCall<T> task = new TimeLimitedCall<>(call, plan.deadline());
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			plan.onFailure();
			throw ex;
		}
		catch (OutOfMemoryError ex) {
			if (!isThreadRefused(ex)) {
				throw ex;
			}
			plan.onFailure();
			throw new RejectedExecutionException(
					"Time limiter '" + this.name + "' could not start a thread for the call", ex);
		}
		boolean completed;
		try {
			completed = task.await();
		}
		catch (InterruptedException ex) {
			task.cancel(true);
			Thread.currentThread().interrupt();
			plan.onFailure();
			throw ex;
		}
		if (!completed) {
			task.cancel(this.cancelRunning);
			plan.onTimeout();
			throw plan.exceeded();
		}
		Throwable failure = task.failure();
		if (failure != null) {
			plan.onFailure();
			throw failure;
		}
		plan.onSuccess();
		return task.value();
	}

	@Override
	public <T extends @Nullable Object> CompletableFuture<T> executeAsync(
			CheckedSupplier<? extends CompletionStage<T>> call) {
		return AsyncTimeLimit.start(this.name, plan(Deadline.current()), this.scheduler, call);
	}

	@Override
	public Plan plan(@Nullable Deadline deadline) {
		return new TimeLimitPlan(this, this.timeoutNanos, deadline, this.clock);
	}

	@Override
	public Metrics metrics() {
		return new Metrics(this.successful.sum(), this.failed.sum(), this.timedOut.sum());
	}

	@Override
	public void reset() {
		this.successful.reset();
		this.failed.reset();
		this.timedOut.reset();
	}

	boolean cancelRunning() {
		return this.cancelRunning;
	}

	/**
	 * Returns the exception of a call cut off after the given time, which is shorter than the
	 * timeout when the caller's deadline came sooner.
	 */
	TimeLimitExceededException timeLimitExceeded(long allowedNanos) {
		return (allowedNanos >= this.timeoutNanos) ? new TimeLimitExceededException(this.name, this.timeout)
				: new TimeLimitExceededException(this.name, Duration.ofNanos(Math.max(0, allowedNanos)));
	}

	/** Whether the runtime refused to start a thread, rather than running out of heap. */
	private static boolean isThreadRefused(OutOfMemoryError error) {
		String message = error.getMessage();
		return message != null && message.contains("native thread");
	}

	void record(TimeLimiterOutcome outcome) {
		switch (outcome) {
			case SUCCESS -> this.successful.increment();
			case FAILURE -> this.failed.increment();
			case TIMEOUT -> this.timedOut.increment();
		}
		try {
			this.listener.onTimeLimiterCall(this.name, outcome);
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Listener of time limiter '" + this.name + "' failed; the call goes on", ex);
		}
	}

}
