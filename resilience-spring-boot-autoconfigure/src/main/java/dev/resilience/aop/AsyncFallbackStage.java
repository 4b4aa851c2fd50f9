package dev.resilience.aop;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshot.Scope;
import io.micrometer.context.ContextSnapshotFactory;
import org.aopalliance.intercept.MethodInvocation;

import dev.resilience.core.ResilienceListener;

/**
 * Answers a failure of the rest of an asynchronous pipeline with the bean's fallback method,
 * which may return the plain value or the method's own return type. The fallback runs with the
 * thread-local context of the thread that made the call, on whichever thread the failure
 * arrives.
 */
final class AsyncFallbackStage implements Stage {

	private final AsyncType type;

	private final FallbackMethod fallback;

	private final String name;

	private final ResilienceListener events;

	private final ContextSnapshotFactory snapshots;

	private final Stage next;

	AsyncFallbackStage(AsyncType type, FallbackMethod fallback, String name, ResilienceListener events,
			ContextSnapshotFactory snapshots, Stage next) {
		this.type = type;
		this.fallback = fallback;
		this.name = name;
		this.events = events;
		this.snapshots = snapshots;
		this.next = next;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		Object target = invocation.getThis();
		Object[] arguments = invocation.getArguments();
		ContextSnapshot context = this.snapshots.captureAll();
		Object result = this.type.defer(() -> this.next.invoke(invocation));
		return this.type.recover(result, (failure) -> {
			if (!this.fallback.appliesTo(failure)) {
				return this.type.failed(failure);
			}
			this.events.onFallback(this.name, failure);
			try (Scope scope = context.setThreadLocals()) {
				return this.type.fromFallback(this.fallback.invoke(target, arguments, failure));
			}
		});
	}

}
