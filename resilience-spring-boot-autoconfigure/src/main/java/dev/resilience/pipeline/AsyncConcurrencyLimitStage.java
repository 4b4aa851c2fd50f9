package dev.resilience.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ConcurrencyLimit;

/**
 * Runs the rest of an asynchronous pipeline in a slot of a concurrency limit, taken when the call
 * starts (at subscription for a publisher), after waiting for one without blocking a thread as
 * the limit allows. The slot is held until the work completes, fails or is cancelled, not until
 * it returns.
 *
 * @param <C> the type of the call
 * @since 0.2.0
 */
public final class AsyncConcurrencyLimitStage<C> implements Stage<C> {

	private final AsyncType type;

	private final ConcurrencyLimit limit;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public AsyncConcurrencyLimitStage(AsyncType type, ConcurrencyLimit limit, Attempts<C> attempts, Stage<C> next) {
		this.type = type;
		this.limit = limit;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.defer(() -> {
			long token = this.limit.tryAcquire();
			if (token != ConcurrencyLimit.REFUSED) {
				return runInSlot(call, token);
			}
			return this.type.whenReady(this.limit.acquireAsync(this.attempts.deadline(call)),
					(granted) -> runInSlot(call, granted), this.limit::release);
		});
	}

	private Object runInSlot(C call, long token) throws Throwable {
		Slot slot = new Slot(token);
		Object result;
		try {
			result = this.next.invoke(call);
		}
		catch (Throwable ex) {
			slot.release();
			throw ex;
		}
		return this.type.watch(result, slot);
	}

	/**
	 * Gives one slot back, once, at the first outcome of the work.
	 */
	private final class Slot extends AtomicBoolean implements AsyncType.OutcomeListener {

		private static final long serialVersionUID = 1L;

		private final long token;

		Slot(long token) {
			this.token = token;
		}

		@Override
		public void onSuccess(@Nullable Object value) {
			release();
		}

		@Override
		public void onError(Throwable failure) {
			release();
		}

		@Override
		public void onCancel() {
			release();
		}

		void release() {
			if (compareAndSet(false, true)) {
				AsyncConcurrencyLimitStage.this.limit.release(this.token);
			}
		}

	}

}
