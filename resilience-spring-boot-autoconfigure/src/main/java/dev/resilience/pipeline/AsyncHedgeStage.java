package dev.resilience.pipeline;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.Deadline;
import dev.resilience.core.Hedge;
import dev.resilience.core.RetryContext;

/**
 * Runs the rest of an asynchronous pipeline as the attempts of a hedged call, blocking no thread
 * (see {@link AsyncType#hedge}): the next attempt starts on the scheduler when none has answered
 * after the hedge's delay; the first success wins and the others are cancelled. Each attempt
 * proceeds a copy of the call, and each attempt of a publisher is a new subscription.
 *
 * <p>Hedges start on the scheduler's threads, so every attempt runs with what the caller's thread
 * held when the call started (at subscription for a publisher): its thread-local context, its
 * {@link Deadline}, and a {@link RetryContext} shared by every attempt, with the enclosing
 * retry's attempt and idempotency key, or, outside a retry, attempt 1 and a key of the call's
 * own.
 *
 * @param <C> the type of the call
 * @since 0.3.0
 */
public final class AsyncHedgeStage<C> implements Stage<C> {

	private final AsyncType type;

	private final Hedge hedge;

	private final Attempts<C> attempts;

	private final ContextSnapshotFactory snapshots;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param type the asynchronous type of the call
	 * @param hedge the hedge
	 * @param attempts copies the call for each attempt
	 * @param snapshots captures the caller's thread-local context
	 * @param next the rest of the pipeline, run once per attempt
	 */
	public AsyncHedgeStage(AsyncType type, Hedge hedge, Attempts<C> attempts, ContextSnapshotFactory snapshots,
			Stage<C> next) {
		this.type = type;
		this.hedge = hedge;
		this.attempts = attempts;
		this.snapshots = snapshots;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		// read now: an enclosing retry is current while it invokes this stage, maybe no longer when
		// a publisher is subscribed to
		RetryContext enclosing = RetryContext.current();
		int attempt = (enclosing != null) ? enclosing.attempt() : 1;
		@Nullable String key = (enclosing != null) ? enclosing.idempotencyKey() : null;
		return this.type.defer(() -> {
			HedgedCall hedged = new HedgedCall(call, attempt, key);
			return this.type.hedge(this.hedge, hedged::start);
		});
	}

	/**
	 * One asynchronous hedged call (one subscription of a publisher): the context its attempts
	 * share, and the start of each. It is the {@link RetryContext} current in every attempt.
	 */
	private final class HedgedCall extends RetryContext {

		private final C call;

		private final int attempt;

		private final String key;

		private final @Nullable Deadline deadline;

		private final ContextSnapshot context;

		HedgedCall(C call, int attempt, @Nullable String key) {
			this.call = call;
			this.attempt = attempt;
			this.key = (key != null) ? key : newIdempotencyKey();
			this.deadline = AsyncHedgeStage.this.attempts.deadline(call);
			// captured with this call current, so that the attempts, and what a publisher runs
			// when it is subscribed to, find it in the context
			RetryContext previous = enter(this);
			try {
				this.context = AsyncHedgeStage.this.snapshots.captureAll();
			}
			finally {
				restore(previous);
			}
		}

		Object start(int number) {
			AsyncType type = AsyncHedgeStage.this.type;
			return type.deferWith(this.context, () -> type.deferWithin(this.deadline, () -> {
				RetryContext previous = enter(this);
				try {
					return AsyncHedgeStage.this.next.invoke(AsyncHedgeStage.this.attempts.copy(this.call));
				}
				finally {
					restore(previous);
				}
			}));
		}

		@Override
		public int attempt() {
			return this.attempt;
		}

		@Override
		public String idempotencyKey() {
			return this.key;
		}

	}

}
