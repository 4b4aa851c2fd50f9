package dev.resilience.pipeline;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.Retry;
import dev.resilience.core.RetryContext;

/**
 * Runs the rest of an asynchronous pipeline once per attempt of a retry: after a failed attempt
 * the retry's {@link Retry.Plan plan} chooses the delay, the next attempt starts on the scheduler
 * when it has passed, and no thread waits meanwhile. Each attempt of a publisher is a new
 * subscription. Later attempts run with the thread-local context (MDC, for example) of the
 * thread that made the call, captured when it started.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class AsyncRetryStage<C> implements Stage<C> {

	private final AsyncType type;

	private final Retry retry;

	private final Attempts<C> attempts;

	private final ContextSnapshotFactory snapshots;

	private final Stage<C> next;

	public AsyncRetryStage(AsyncType type, Retry retry, Attempts<C> attempts, ContextSnapshotFactory snapshots,
			Stage<C> next) {
		this.type = type;
		this.retry = retry;
		this.attempts = attempts;
		this.snapshots = snapshots;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type
			.defer(() -> new RetryingCall(this.retry.plan(), this.snapshots.captureAll(), call).runAttempt());
	}

	/**
	 * The attempts of one call (one subscription of a publisher). The call it is given is never
	 * proceeded itself: each attempt proceeds a copy.
	 */
	private final class RetryingCall extends RetryContext implements AsyncType.OutcomeListener, AsyncType.Recovery {

		private final Retry.Plan plan;

		private final ContextSnapshot context;

		private final C call;

		RetryingCall(Retry.Plan plan, ContextSnapshot context, C call) {
			this.plan = plan;
			this.context = context;
			this.call = call;
		}

		@Override
		public int attempt() {
			return this.plan.attempt();
		}

		Object runAttempt() {
			AsyncType type = AsyncRetryStage.this.type;
			// each attempt runs within the call's deadline, which max-duration may have set
			Object result = type.deferWithin(this.plan.deadline(), () -> {
				RetryContext previous = enter(this);
				try {
					return AsyncRetryStage.this.next.invoke(AsyncRetryStage.this.attempts.copy(this.call));
				}
				finally {
					restore(previous);
				}
			});
			return type.recover(type.watch(result, this), this);
		}

		@Override
		public Object recover(Throwable failure) {
			AsyncType type = AsyncRetryStage.this.type;
			long delay = this.plan.onFailure(failure);
			if (delay == Retry.Plan.STOP) {
				return type.failed(failure);
			}
			AsyncRetryStage.this.attempts.beforeRetry(this.call, failure);
			try {
				return type.delayWith(this.context, delay,
						() -> this.plan.onRetry() ? runAttempt() : type.failed(failure));
			}
			catch (RuntimeException ex) {
				// the scheduler is shut down: end with the failure as it was
				failure.addSuppressed(ex);
				return type.failed(failure);
			}
		}

		@Override
		public void onSuccess(@Nullable Object value) {
			this.plan.onSuccess();
		}

		@Override
		public void onError(Throwable failure) {
			// decided by recover
		}

		@Override
		public void onCancel() {
			// a cancelled call has no outcome to count
		}

	}

}
