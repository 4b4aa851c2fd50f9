package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;

/**
 * The end of an asynchronous pipeline: proceeds to the method and turns what it returns into a
 * result; a method that throws, or returns {@code null}, gives a failed result.
 */
final class AsyncProceedStage implements Stage {

	private final AsyncType type;

	private final String nullReturnedMessage;

	AsyncProceedStage(AsyncType type, String nullReturnedMessage) {
		this.type = type;
		this.nullReturnedMessage = nullReturnedMessage;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		Object returned;
		try {
			returned = invocation.proceed();
		}
		catch (Throwable ex) {
			return this.type.failed(ex);
		}
		if (returned == null) {
			return this.type.failed(new IllegalStateException(this.nullReturnedMessage));
		}
		return this.type.adapt(returned);
	}

}
