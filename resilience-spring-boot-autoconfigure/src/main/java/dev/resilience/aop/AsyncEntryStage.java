package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * The outermost stage of an asynchronous method: defers the whole pipeline, so that a publisher
 * starts nothing, not even the method, before it is subscribed to, and hands the caller the
 * return type the method declares.
 */
final class AsyncEntryStage implements Stage {

	private final AsyncType type;

	private final Stage next;

	AsyncEntryStage(AsyncType type, Stage next) {
		this.type = type;
		this.next = next;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		return this.type.toReturnType(this.type.defer(() -> this.next.invoke(copy(invocation))));
	}

	/**
	 * Returns a fresh copy of an invocation that has not proceeded. A proxy's invocation can
	 * proceed only once, so each subscription and each attempt proceeds a copy of its own, which
	 * keeps the interceptors after this one running every time.
	 * @param invocation an invocation that is never proceeded itself
	 * @return the copy, or the invocation itself when it cannot be copied
	 */
	static MethodInvocation copy(MethodInvocation invocation) {
		return (invocation instanceof ProxyMethodInvocation proxyInvocation) ? proxyInvocation.invocableClone()
				: invocation;
	}

}
