package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The end of every pipeline: proceeds to the next interceptor or the method itself.
 */
final class ProceedStage implements Stage {

	static final ProceedStage INSTANCE = new ProceedStage();

	private ProceedStage() {
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return invocation.proceed();
	}

}
