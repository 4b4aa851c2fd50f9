package dev.resilience.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * One hedged call: starts the first attempt, and each later one when none has answered after the
 * delay and the budget allows it; completes with the first success and cancels the rest, or, once
 * every attempt sent has failed, with the failure of the one that failed last. A failure sends no
 * attempt early: hedging is for slow answers, retrying failures is the retry's job. Cancelling the
 * race cancels every attempt and the hedges still to come.
 *
 * <p>Thread-safe: attempts end on any thread; the few fields that change are guarded by the race.
 *
 * @param <T> the type of the result
 */
final class HedgedRace<T extends @Nullable Object> extends CompletableFuture<T> {

	private final DefaultHedge hedge;

	private final IntFunction<? extends CompletionStage<T>> starter;

	private final int maxAttempts;

	private final long delayNanos;

	private final CompletableFuture<?>[] attempts;

	private final long[] startedAt;

	private int sent;

	private int failed;

	/** A hedge is due and waits for the budget's answer: the race cannot fail meanwhile. */
	private boolean hedgePending;

	private @Nullable Throwable lastFailure;

	private DelayScheduler.@Nullable Cancellable timer;

	HedgedRace(DefaultHedge hedge, IntFunction<? extends CompletionStage<T>> starter, int maxAttempts,
			long delayNanos) {
		this.hedge = hedge;
		this.starter = starter;
		this.maxAttempts = maxAttempts;
		this.delayNanos = delayNanos;
		this.attempts = new CompletableFuture<?>[maxAttempts];
		this.startedAt = new long[maxAttempts];
	}

	void start() {
		send(1);
	}

	private void send(int number) {
		synchronized (this) {
			if (isDone()) {
				return;
			}
			this.sent = number;
			this.startedAt[number - 1] = this.hedge.clock().nanoTime();
		}
		CompletableFuture<T> attempt;
		try {
			attempt = this.starter.apply(number).toCompletableFuture();
		}
		catch (Throwable ex) {
			attempt = CompletableFuture.failedFuture(ex);
		}
		boolean cancel;
		synchronized (this) {
			this.attempts[number - 1] = attempt;
			cancel = isDone();
			if (!cancel && number < this.maxAttempts) {
				this.timer = this.hedge.scheduler().schedule(() -> due(number + 1), this.delayNanos);
			}
		}
		if (cancel) {
			CompletionStages.cancel(attempt);
		}
		attempt.whenComplete((value, failure) -> ended(number, value, failure));
	}

	private void due(int number) {
		synchronized (this) {
			this.timer = null;
			if (isDone()) {
				return;
			}
			this.hedgePending = true;
		}
		boolean granted = this.hedge.tryHedge(number);
		Throwable failure;
		synchronized (this) {
			this.hedgePending = false;
			if (granted) {
				failure = null;
			}
			else {
				// not sent: the attempts already sent may all have failed while the budget decided
				failure = (this.failed == this.sent) ? this.lastFailure : null;
			}
		}
		if (granted) {
			send(number);
		}
		else if (failure != null) {
			fail(failure, 0);
		}
	}

	private void ended(int number, @Nullable T value, @Nullable Throwable failure) {
		long started;
		synchronized (this) {
			started = this.startedAt[number - 1];
		}
		this.hedge.attemptEnded(this.hedge.clock().nanoTime() - started);
		if (failure == null) {
			if (complete(value)) {
				this.hedge.won(number, sentSoFar());
				cancelAllBut(number);
			}
			return;
		}
		Throwable unwrapped = CompletionStages.unwrap(failure);
		boolean allFailed;
		synchronized (this) {
			this.failed++;
			this.lastFailure = unwrapped;
			allFailed = this.failed == this.sent && !this.hedgePending;
		}
		if (allFailed) {
			fail(unwrapped, number);
		}
	}

	private void fail(Throwable failure, int number) {
		if (completeExceptionally(failure)) {
			this.hedge.failed(sentSoFar());
			cancelAllBut(number);
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			cancelAllBut(0);
		}
		return cancelled;
	}

	private void cancelAllBut(int number) {
		DelayScheduler.Cancellable timer;
		CompletableFuture<?>[] running = new CompletableFuture<?>[this.maxAttempts];
		synchronized (this) {
			timer = this.timer;
			this.timer = null;
			System.arraycopy(this.attempts, 0, running, 0, this.maxAttempts);
		}
		if (timer != null) {
			timer.cancel();
		}
		for (int i = 0; i < running.length; i++) {
			CompletableFuture<?> attempt = running[i];
			if (attempt != null && i != number - 1) {
				CompletionStages.cancel(attempt);
			}
		}
	}

	private synchronized int sentSoFar() {
		return this.sent;
	}

}
