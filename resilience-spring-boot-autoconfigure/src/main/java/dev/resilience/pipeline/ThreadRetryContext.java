package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryContext;

/**
 * The synchronous retrying call that runs on a thread, one reusable object per thread: it is the
 * retry context the call sees and the attempt the retry runs, so that a retrying call allocates
 * nothing. A nested retrying call on the same thread keeps the enclosing call's state in its
 * stack frame and puts it back when it ends.
 *
 * <p>The first attempt proceeds the call itself, every later attempt a
 * {@linkplain Attempts#copy copy} of the call's {@linkplain Attempts#template template}, taken
 * before the first attempt.
 *
 * <p>Kept in its thread's {@link ThreadSlot}, so that a call finds it, makes it current and
 * restores the enclosing context with one thread-local lookup and no thread-local update.
 * Confined to its thread; layers that move work to another thread hand over a
 * {@linkplain RetryContext#snapshot() snapshot}.
 */
final class ThreadRetryContext extends RetryContext implements CheckedSupplier<@Nullable Object> {

	private final ThreadSlot slot;

	private @Nullable Object call;

	private @Nullable Object template;

	private @Nullable Attempts<Object> attempts;

	private @Nullable Stage<Object> next;

	private int attempt;

	private @Nullable String key;

	private ThreadRetryContext(ThreadSlot slot) {
		this.slot = slot;
	}

	/**
	 * Runs a call through a retry on the calling thread, the rest of the pipeline once per
	 * attempt.
	 */
	@SuppressWarnings("unchecked")
	static <C> @Nullable Object run(Retry retry, Attempts<C> attempts, C call, Stage<C> next) throws Throwable {
		ThreadSlot slot = threadSlot();
		ThreadRetryContext context = (slot.reusable() instanceof ThreadRetryContext reusable) ? reusable
				: reuseNew(slot);
		return context.runHere(retry, (Attempts<Object>) attempts, call, (Stage<Object>) next);
	}

	private static ThreadRetryContext reuseNew(ThreadSlot slot) {
		ThreadRetryContext context = new ThreadRetryContext(slot);
		slot.reuse(context);
		return context;
	}

	private @Nullable Object runHere(Retry retry, Attempts<Object> attempts, Object call, Stage<Object> next)
			throws Throwable {
		Object enclosingCall = this.call;
		Object enclosingTemplate = this.template;
		Attempts<Object> enclosingAttempts = this.attempts;
		Stage<Object> enclosingNext = this.next;
		int enclosingAttempt = this.attempt;
		String enclosingKey = this.key;
		this.call = call;
		this.template = attempts.template(call);
		this.attempts = attempts;
		this.next = next;
		this.attempt = 0;
		this.key = null;
		RetryContext previous = this.slot.enter(this);
		try {
			return retry.execute(this);
		}
		finally {
			this.call = enclosingCall;
			this.template = enclosingTemplate;
			this.attempts = enclosingAttempts;
			this.next = enclosingNext;
			this.attempt = enclosingAttempt;
			this.key = enclosingKey;
			this.slot.restore(previous);
		}
	}

	@Override
	public @Nullable Object get() throws Throwable {
		this.attempt++;
		Object call = (this.attempt == 1) ? this.call : this.attempts.copy(this.template);
		return this.next.invoke(call);
	}

	@Override
	public int attempt() {
		return this.attempt;
	}

	@Override
	public String idempotencyKey() {
		String key = this.key;
		if (key == null) {
			key = newIdempotencyKey();
			this.key = key;
		}
		return key;
	}

}
