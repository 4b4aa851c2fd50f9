package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.Advised;

import dev.resilience.pipeline.Attempts;

/**
 * The attempts of a call to an annotated method: proceeding the proxy's invocation.
 *
 * <p>A proxy's invocation can proceed only once, so each later attempt and each subscription
 * proceeds a copy. When the proxy has interceptors besides this one (transactions, for example),
 * retries copy an untouched template, so that they run on every attempt; when this is the only
 * one, a copy of the spent invocation calls the method directly.
 */
final class MethodAttempts implements Attempts<MethodInvocation> {

	static final MethodAttempts INSTANCE = new MethodAttempts();

	private MethodAttempts() {
	}

	@Override
	public @Nullable Object proceed(MethodInvocation invocation) throws Throwable {
		return invocation.proceed();
	}

	@Override
	public MethodInvocation copy(MethodInvocation invocation) {
		return (invocation instanceof ProxyMethodInvocation proxyInvocation) ? proxyInvocation.invocableClone()
				: invocation;
	}

	@Override
	public MethodInvocation template(MethodInvocation invocation) {
		if (invocation instanceof ProxyMethodInvocation proxyInvocation && !isOnlyAdvice(proxyInvocation)) {
			return proxyInvocation.invocableClone();
		}
		return invocation;
	}

	private static boolean isOnlyAdvice(ProxyMethodInvocation invocation) {
		return invocation.getProxy() instanceof Advised advised && advised.getAdvisorCount() == 1;
	}

}
