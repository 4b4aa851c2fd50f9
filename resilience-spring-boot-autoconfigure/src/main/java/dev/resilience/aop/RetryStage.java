package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.Retry;

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
	 * The attempts of one call. A proxy's invocation can proceed only once, so the first attempt
	 * uses it and every later attempt a fresh copy of an untouched template, which keeps the
	 * interceptors inside this one (transactions, for example) running on every attempt.
	 */
	private static final class Attempts implements CheckedSupplier<@Nullable Object> {

		private final MethodInvocation invocation;

		private final @Nullable ProxyMethodInvocation template;

		private final Stage next;

		private boolean started;

		Attempts(MethodInvocation invocation, Stage next) {
			this.invocation = invocation;
			this.template = (invocation instanceof ProxyMethodInvocation proxyInvocation)
					? (ProxyMethodInvocation) proxyInvocation.invocableClone() : null;
			this.next = next;
		}

		@Override
		public @Nullable Object get() throws Throwable {
			if (!this.started || this.template == null) {
				this.started = true;
				return this.next.invoke(this.invocation);
			}
			return this.next.invoke(this.template.invocableClone());
		}

	}

}
