package dev.resilience.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * One asynchronous call limited in time: the future handed to the caller, completed by whichever
 * comes first, the call's stage or the timer of the scheduler; the call's {@link TimeLimiter.Plan}
 * records the outcome of the one that wins. The timer is cancelled when the stage wins, and with
 * {@code cancel-running} the stage is cancelled when the timer wins.
 *
 * <p>Thread-safe: the stage and the timer race through the future's own atomic completion.
 */
final class AsyncTimeLimit<T extends @Nullable Object> extends CompletableFuture<T> {

	private final TimeLimiter.Plan plan;

	private volatile DelayScheduler.@Nullable Cancellable timer;

	private volatile @Nullable CompletionStage<? extends T> source;

	private volatile boolean timedOut;

	private AsyncTimeLimit(TimeLimiter.Plan plan) {
		this.plan = plan;
	}

	/**
	 * Starts the timer, then the call, on the calling thread.
	 * @param <T> the type of the result
	 * @param name the time limiter's name, for messages
	 * @param plan the time the call may take, and where its outcome is recorded
	 * @param scheduler runs the timer
	 * @param call starts the work
	 * @return the future of the call's result
	 */
	static <T extends @Nullable Object> CompletableFuture<T> start(String name, TimeLimiter.Plan plan,
			DelayScheduler scheduler,
			CheckedSupplier<? extends CompletionStage<T>> call) {
		AsyncTimeLimit<T> limit = new AsyncTimeLimit<>(plan);
		if (plan.allowedNanos() <= 0) {
			limit.completeExceptionally(plan.exceeded());
			plan.onTimeout();
			return limit;
		}
		try {
			limit.timer = scheduler.schedule(limit::timeout, plan.allowedNanos());
		}
		catch (RuntimeException ex) {
			limit.completed(null, ex);
			return limit;
		}
		CompletionStage<T> stage;
		// guarded calls the method makes before it returns its stage see the deadline
		try (Deadline.Scope scope = plan.deadline().attach()) {
			stage = call.get();
		}
		catch (Throwable ex) {
			limit.completed(null, ex);
			return limit;
		}
		if (stage == null) {
			limit.completed(null, new NullPointerException(
					"The call limited by time limiter '" + name + "' returned null instead of a CompletionStage"));
			return limit;
		}
		limit.source = stage;
		if (limit.timedOut && plan.cancelRunning()) {
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
			this.plan.onCancel();
			cancelTimer();
			if (this.plan.cancelRunning()) {
				cancelSource();
			}
		}
		return cancelled;
	}

	private void completed(@Nullable T value, @Nullable Throwable failure) {
		if (failure == null) {
			if (complete(value)) {
				this.plan.onSuccess();
			}
		}
		else if (completeExceptionally(CompletionStages.unwrap(failure))) {
			this.plan.onFailure();
		}
		cancelTimer();
	}

	private void timeout() {
		this.timedOut = true;
		if (completeExceptionally(this.plan.exceeded())) {
			this.plan.onTimeout();
			if (this.plan.cancelRunning()) {
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
		if (stage != null) {
			CompletionStages.cancel(stage);
		}
	}

}
