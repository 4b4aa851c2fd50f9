package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.Advised;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryContext;

/**
 * Runs the rest of the pipeline once per attempt of a retry.
 */
final class RetryStage implements Stage {

	private final Retry retry;

	private final Stage next;

	RetryStage(Retry retry, Stage next) {
		this.retry = retry;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return this.retry.execute(new Attempts(invocation, this.next));
	}

	/**
	 * The attempts of one call, and the retry context the method sees during each. A proxy's
	 * invocation can proceed only once, so the first attempt uses it and every later attempt a
	 * copy. When the proxy has interceptors besides this one (transactions, for example), the copy
	 * is taken from an untouched template, so that they run on every attempt; when this is the
	 * only one, a copy of the spent invocation calls the method directly, and the call that
	 * succeeds at once copies nothing.
	 */
	private static final class Attempts implements CheckedSupplier<@Nullable Object> {

		private final MethodInvocation invocation;

		private final @Nullable ProxyMethodInvocation template;

		private final Stage next;

		private int attempt;

		private @Nullable String idempotencyKey;

		Attempts(MethodInvocation invocation, Stage next) {
			this.invocation = invocation;
			this.template = (invocation instanceof ProxyMethodInvocation proxyInvocation
					&& !isOnlyAdvice(proxyInvocation)) ? (ProxyMethodInvocation) proxyInvocation.invocableClone()
							: null;
			this.next = next;
		}

		private static boolean isOnlyAdvice(ProxyMethodInvocation invocation) {
			return invocation.getProxy() instanceof Advised advised && advised.getAdvisorCount() == 1;
		}

		private MethodInvocation retryInvocation() {
			if (this.template != null) {
				return this.template.invocableClone();
			}
			return (this.invocation instanceof ProxyMethodInvocation proxyInvocation)
					? proxyInvocation.invocableClone() : this.invocation;
		}

		@Override
		public @Nullable Object get() throws Throwable {
			this.attempt++;
			MethodInvocation invocation = (this.attempt == 1) ? this.invocation : retryInvocation();
			ThreadRetryContext context = ThreadRetryContext.forThisThread();
			int enclosingAttempt = context.loadedAttempt();
			String enclosingKey = context.loadedKey();
			context.load(this.attempt, this.idempotencyKey);
			RetryContext previous = context.enter();
			try {
				return this.next.invoke(invocation);
			}
			finally {
				this.idempotencyKey = context.loadedKey();
				context.load(enclosingAttempt, enclosingKey);
				RetryContext.restore(previous);
			}
		}

	}

}
