package dev.resilience.pipeline;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshot.Scope;
import io.micrometer.context.ContextSnapshotFactory;

import dev.resilience.core.ResilienceListener;

/**
 * Answers a failure of the rest of an asynchronous pipeline with a {@link FallbackHandler}, which may
 * answer with the plain value or the call's own type. The fallback runs with the thread-local
 * context of the thread that made the call, on whichever thread the failure arrives.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class AsyncFallbackStage<C> implements Stage<C> {

	private final AsyncType type;

	private final FallbackHandler<C> fallback;

	private final String name;

	private final ResilienceListener events;

	private final ContextSnapshotFactory snapshots;

	private final Stage<C> next;

	public AsyncFallbackStage(AsyncType type, FallbackHandler<C> fallback, String name, ResilienceListener events,
			ContextSnapshotFactory snapshots, Stage<C> next) {
		this.type = type;
		this.fallback = fallback;
		this.name = name;
		this.events = events;
		this.snapshots = snapshots;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		ContextSnapshot context = this.snapshots.captureAll();
		Object result = this.type.defer(() -> this.next.invoke(call));
		return this.type.recover(result, (failure) -> {
			if (!this.fallback.appliesTo(failure)) {
				return this.type.failed(failure);
			}
			this.events.onFallback(this.name, failure);
			try (Scope scope = context.setThreadLocals()) {
				return this.type.fromFallback(this.fallback.apply(call, failure));
			}
		});
	}

}
