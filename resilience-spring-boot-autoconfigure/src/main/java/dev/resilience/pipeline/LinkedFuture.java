package dev.resilience.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CompletionStages;
import dev.resilience.core.DelayScheduler;

/**
 * A future that a stage of an asynchronous pipeline hands on, and that passes its cancellation
 * back to the work it waits for: the current attempt's future, or the timer of a delay. So
 * cancelling the future a guarded method returned cancels the running attempt and every retry
 * and delay still to come.
 *
 * <p>Thread-safe: what it waits for may be set while it is being cancelled; whichever comes
 * second cancels the work.
 */
final class LinkedFuture extends CompletableFuture<Object> {

	private volatile @Nullable CompletionStage<?> upstream;

	private volatile DelayScheduler.@Nullable Cancellable timer;

	/**
	 * Waits for the given work from now on: cancelling this future cancels it.
	 * @param stage the work
	 */
	void follow(CompletionStage<?> stage) {
		this.upstream = stage;
		if (isCancelled()) {
			CompletionStages.cancel(stage);
		}
	}

	/**
	 * Waits for the given timer from now on: cancelling this future cancels it.
	 * @param timer the timer
	 */
	void follow(DelayScheduler.Cancellable timer) {
		this.timer = timer;
		if (isCancelled()) {
			timer.cancel();
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			DelayScheduler.Cancellable timer = this.timer;
			if (timer != null) {
				timer.cancel();
			}
			CompletionStage<?> stage = this.upstream;
			if (stage != null) {
				CompletionStages.cancel(stage);
			}
		}
		return cancelled;
	}

}
