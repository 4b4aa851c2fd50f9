package dev.resilience.aop;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.RetryContext;

/**
 * The retry context of annotated retrying calls, one reusable object per thread: each attempt
 * loads its call's attempt number and idempotency key into it and puts the enclosing call's back
 * afterwards, so that a retrying call allocates no context of its own.
 *
 * <p>Confined to its thread; layers that move work to another thread hand over a
 * {@linkplain RetryContext#snapshot() snapshot}.
 */
final class ThreadRetryContext extends RetryContext {

	private static final ThreadLocal<ThreadRetryContext> PER_THREAD = ThreadLocal.withInitial(ThreadRetryContext::new);

	private int attempt;

	private @Nullable String key;

	private ThreadRetryContext() {
	}

	static ThreadRetryContext forThisThread() {
		return PER_THREAD.get();
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

	int loadedAttempt() {
		return this.attempt;
	}

	@Nullable String loadedKey() {
		return this.key;
	}

	/**
	 * Makes this context current on its thread.
	 * @return the context that was current before, to hand to {@link RetryContext#restore}
	 */
	@Nullable RetryContext enter() {
		return enter(this);
	}

	void load(int attempt, @Nullable String key) {
		this.attempt = attempt;
		this.key = key;
	}

}
