package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.Advised;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryContext;

/**
 * The annotated retrying call that runs on a thread, one reusable object per thread: it is the
 * retry context the method sees and the attempt the retry runs, so that a retrying call allocates
 * nothing. A nested retrying call on the same thread keeps the enclosing call's state in its
 * stack frame and puts it back when it ends.
 *
 * <p>A proxy's invocation can proceed only once, so the first attempt uses it and every later
 * attempt a copy. When the proxy has interceptors besides this one (transactions, for example),
 * the copy is taken from an untouched template, so that they run on every attempt; when this is
 * the only one, a copy of the spent invocation calls the method directly.
 *
 * <p>Confined to its thread; layers that move work to another thread hand over a
 * {@linkplain RetryContext#snapshot() snapshot}.
 */
final class ThreadRetryContext extends RetryContext implements CheckedSupplier<@Nullable Object> {

	private static final ThreadLocal<ThreadRetryContext> PER_THREAD = ThreadLocal.withInitial(ThreadRetryContext::new);

	private @Nullable MethodInvocation invocation;

	private @Nullable ProxyMethodInvocation template;

	private @Nullable Stage next;

	private int attempt;

	private @Nullable String key;

	private ThreadRetryContext() {
	}

	/**
	 * Runs a call through a retry on the calling thread, the rest of the pipeline once per
	 * attempt.
	 */
	static @Nullable Object run(Retry retry, MethodInvocation invocation, Stage next) throws Throwable {
		return PER_THREAD.get().runHere(retry, invocation, next);
	}

	private @Nullable Object runHere(Retry retry, MethodInvocation invocation, Stage next) throws Throwable {
		MethodInvocation enclosingInvocation = this.invocation;
		ProxyMethodInvocation enclosingTemplate = this.template;
		Stage enclosingNext = this.next;
		int enclosingAttempt = this.attempt;
		String enclosingKey = this.key;
		this.invocation = invocation;
		this.template = templateFor(invocation);
		this.next = next;
		this.attempt = 0;
		this.key = null;
		RetryContext previous = enter(this);
		try {
			return retry.execute(this);
		}
		finally {
			this.invocation = enclosingInvocation;
			this.template = enclosingTemplate;
			this.next = enclosingNext;
			this.attempt = enclosingAttempt;
			this.key = enclosingKey;
			restore(previous);
		}
	}

	@Override
	public @Nullable Object get() throws Throwable {
		this.attempt++;
		MethodInvocation invocation = (this.attempt == 1) ? this.invocation : retryInvocation();
		return this.next.invoke(invocation);
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

	private MethodInvocation retryInvocation() {
		if (this.template != null) {
			return this.template.invocableClone();
		}
		return (this.invocation instanceof ProxyMethodInvocation proxyInvocation) ? proxyInvocation.invocableClone()
				: this.invocation;
	}

	private static @Nullable ProxyMethodInvocation templateFor(MethodInvocation invocation) {
		if (invocation instanceof ProxyMethodInvocation proxyInvocation && !isOnlyAdvice(proxyInvocation)) {
			return (ProxyMethodInvocation) proxyInvocation.invocableClone();
		}
		return null;
	}

	private static boolean isOnlyAdvice(ProxyMethodInvocation invocation) {
		return invocation.getProxy() instanceof Advised advised && advised.getAdvisorCount() == 1;
	}

}
