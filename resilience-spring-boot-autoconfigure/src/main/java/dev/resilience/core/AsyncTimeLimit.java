package dev.resilience.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;

/**
 * One asynchronous call limited in time: the future handed to the caller, completed by whichever
 * comes first, the call's stage or the timer of the scheduler. The one that completes it counts
 * the outcome; the timer is cancelled when the stage wins, and with {@code cancel-running} the
 * stage is cancelled when the timer wins.
 *
 * <p>Thread-safe: the stage and the timer race through the future's own atomic completion.
 */
final class AsyncTimeLimit<T extends @Nullable Object> extends CompletableFuture<T> {

	private final DefaultTimeLimiter limiter;

	private volatile DelayScheduler.@Nullable Cancellable timer;

	private volatile @Nullable CompletionStage<? extends T> source;

	private volatile boolean timedOut;

	/** The time the call was given: the timeout, or less when the caller's deadline came sooner. */
	private final long allowedNanos;

	private AsyncTimeLimit(DefaultTimeLimiter limiter, long allowedNanos) {
		this.limiter = limiter;
		this.allowedNanos = allowedNanos;
	}

	/**
	 * Starts the timer, then the call, on the calling thread.
	 * @param <T> the type of the result
	 * @param limiter the time limiter that counts the outcome
	 * @param scheduler runs the timer
	 * @param call starts the work
	 * @return the future of the call's result
	 */
	static <T extends @Nullable Object> CompletableFuture<T> start(DefaultTimeLimiter limiter,
			DelayScheduler scheduler, CheckedSupplier<? extends CompletionStage<T>> call) {
		long timeout = limiter.effectiveTimeoutNanos();
		AsyncTimeLimit<T> limit = new AsyncTimeLimit<>(limiter, timeout);
		if (timeout <= 0) {
			limiter.record(TimeLimiterOutcome.TIMEOUT);
			limit.completeExceptionally(limiter.timeLimitExceeded(0));
			return limit;
		}
		try {
			limit.timer = scheduler.schedule(limit::timeout, timeout);
		}
		catch (RuntimeException ex) {
			limit.completed(null, ex);
			return limit;
		}
		CompletionStage<T> stage;
		// guarded calls the method makes before it returns its stage see the deadline
		try (Deadline.Scope scope = Deadline.within(Duration.ofNanos(timeout), limiter.clock()).attach()) {
			stage = call.get();
		}
		catch (Throwable ex) {
			limit.completed(null, ex);
			return limit;
		}
		if (stage == null) {
			limit.completed(null, new NullPointerException(
					"The call limited by time limiter '" + limiter.name() + "' returned null instead of a CompletionStage"));
			return limit;
		}
		limit.source = stage;
		if (limit.timedOut && limiter.cancelRunning()) {
			// The timer fired while the call was starting, before there was a stage to cancel.
			limit.cancelSource();
		}
		stage.whenComplete(limit::completed);
		return limit;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			cancelTimer();
			if (this.limiter.cancelRunning()) {
				cancelSource();
			}
		}
		return cancelled;
	}

	private void completed(@Nullable T value, @Nullable Throwable failure) {
		if (failure == null) {
			if (complete(value)) {
				this.limiter.record(TimeLimiterOutcome.SUCCESS);
			}
		}
		else if (completeExceptionally(unwrap(failure))) {
			this.limiter.record(TimeLimiterOutcome.FAILURE);
		}
		cancelTimer();
	}

	private void timeout() {
		this.timedOut = true;
		if (completeExceptionally(this.limiter.timeLimitExceeded(this.allowedNanos))) {
			this.limiter.record(TimeLimiterOutcome.TIMEOUT);
			if (this.limiter.cancelRunning()) {
				cancelSource();
			}
		}
	}

	private void cancelTimer() {
		DelayScheduler.Cancellable timer = this.timer;
		if (timer != null) {
			timer.cancel();
		}
	}

	private void cancelSource() {
		CompletionStage<? extends T> stage = this.source;
		if (stage instanceof Future<?> future) {
			future.cancel(true);
		}
		else if (stage != null) {
			try {
				stage.toCompletableFuture().cancel(true);
			}
			catch (UnsupportedOperationException ex) {
				// a stage that cannot be cancelled runs on; its result is discarded
			}
		}
	}

	/**
	 * Returns the failure a stage completed with, without the {@link CompletionException} that
	 * dependent stages wrap it in.
	 * @param failure the failure
	 * @return its cause when it is a {@code CompletionException} with one, else the failure
	 */
	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure.getCause();
		return (failure instanceof CompletionException && cause != null) ? cause : failure;
	}

}
