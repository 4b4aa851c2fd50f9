package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;

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
	 * fresh copy of an untouched template, which keeps the interceptors inside this one
	 * (transactions, for example) running on every attempt.
	 */
	private static final class Attempts extends RetryContext implements CheckedSupplier<@Nullable Object> {

		private final MethodInvocation invocation;

		private final @Nullable ProxyMethodInvocation template;

		private final Stage next;

		private int attempt;

		Attempts(MethodInvocation invocation, Stage next) {
			this.invocation = invocation;
			this.template = (invocation instanceof ProxyMethodInvocation proxyInvocation)
					? (ProxyMethodInvocation) proxyInvocation.invocableClone() : null;
			this.next = next;
		}

		@Override
		public int attempt() {
			return this.attempt;
		}

		@Override
		public @Nullable Object get() throws Throwable {
			this.attempt++;
			MethodInvocation invocation = (this.attempt == 1 || this.template == null) ? this.invocation
					: this.template.invocableClone();
			RetryContext previous = enter(this);
			try {
				return this.next.invoke(invocation);
			}
			finally {
				restore(previous);
			}
		}

	}

}
