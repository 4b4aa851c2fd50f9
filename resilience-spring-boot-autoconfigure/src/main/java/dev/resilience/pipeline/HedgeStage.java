package dev.resilience.pipeline;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshot.Scope;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.Deadline;
import dev.resilience.core.Hedge;
import dev.resilience.core.RetryContext;

/**
 * Runs the rest of the pipeline as the attempts of a hedged call: each attempt on a worker of the
 * hedge's executor, the next sent when none has answered after the hedge's delay, the caller
 * waiting for the first success (see {@link Hedge#execute}). The first attempt proceeds the call
 * itself, every later one a {@linkplain Attempts#copy copy} of the call's
 * {@linkplain Attempts#template template}, taken on the caller's thread before the first starts.
 *
 * <p>Hedges are sent from the scheduler's threads, so each attempt runs with what the caller's
 * thread held when the call started, set around it on the worker: its thread-local context (MDC,
 * security, captured with Micrometer's {@link ContextSnapshot}), its {@link Deadline}, and a
 * {@link RetryContext} shared by every attempt, with the enclosing retry's attempt and
 * idempotency key, or, outside a retry, attempt 1 and a key of the call's own.
 *
 * @param <C> the type of the call
 * @since 0.3.0
 */
public final class HedgeStage<C> implements Stage<C> {

	private final Hedge hedge;

	private final Attempts<C> attempts;

	private final ContextSnapshotFactory snapshots;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param hedge the hedge
	 * @param attempts copies the call for the attempts after the first
	 * @param snapshots captures the caller's thread-local context
	 * @param next the rest of the pipeline, run once per attempt
	 */
	public HedgeStage(Hedge hedge, Attempts<C> attempts, ContextSnapshotFactory snapshots, Stage<C> next) {
		this.hedge = hedge;
		this.attempts = attempts;
		this.snapshots = snapshots;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		HedgedCall<C> hedged = new HedgedCall<>(this, call, RetryContext.current());
		return this.hedge.execute(hedged);
	}

	/**
	 * Whether the attempt running on this thread belongs to a hedged call that another attempt
	 * has answered already: a failure it meets now comes from being cancelled (interrupted), and
	 * says nothing of the dependency, so a circuit breaker below releases its permit instead of
	 * recording it, as it does for a cancelled asynchronous call.
	 * @return true in an attempt that lost its race
	 */
	static boolean isAbandonedAttempt() {
		return RetryContext.current() instanceof HedgedCall<?> hedged && hedged.answered;
	}

	/**
	 * One synchronous hedged call: what its attempts share, and each attempt, run on a worker.
	 * It is the {@link RetryContext} current in every attempt; its fields are written on the
	 * caller's thread before the first attempt is handed to the executor, which publishes them.
	 *
	 * @param <C> the type of the call
	 */
	private static final class HedgedCall<C> extends RetryContext implements Hedge.Attempt<@Nullable Object> {

		private final HedgeStage<C> stage;

		private final C call;

		private final C template;

		private final ContextSnapshot context;

		private final @Nullable Deadline deadline;

		private final int attempt;

		private final String key;

		/** Set once an attempt returned: the call has its answer, the other attempts are abandoned. */
		private volatile boolean answered;

		HedgedCall(HedgeStage<C> stage, C call, @Nullable RetryContext enclosing) {
			this.stage = stage;
			this.call = call;
			this.template = stage.attempts.template(call);
			this.attempt = (enclosing != null) ? enclosing.attempt() : 1;
			// made now, on the caller's thread: the enclosing retry's key is confined to it
			this.key = (enclosing != null) ? enclosing.idempotencyKey() : newIdempotencyKey();
			this.deadline = stage.attempts.deadline(call);
			this.context = stage.snapshots.captureAll();
		}

		@Override
		public @Nullable Object run(int number) throws Throwable {
			C attemptCall = (number == 1) ? this.call : this.stage.attempts.copy(this.template);
			try (Scope scope = this.context.setThreadLocals()) {
				Deadline workersDeadline = Deadline.current();
				Deadline.set(this.deadline);
				RetryContext previous = enter(this);
				try {
					Object result = this.stage.next.invoke(attemptCall);
					this.answered = true;
					return result;
				}
				finally {
					restore(previous);
					Deadline.set(workersDeadline);
				}
			}
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
