package dev.resilience.pipeline;

/**
 * The outermost stage of an asynchronous pipeline: defers the whole pipeline, so that a publisher
 * starts nothing, not even the call, before it is subscribed to, and hands the caller the return
 * type it expects. Each subscription runs a copy of the call.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class AsyncEntryStage<C> implements Stage<C> {

	private final AsyncType type;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	public AsyncEntryStage(AsyncType type, Attempts<C> attempts, Stage<C> next) {
		this.type = type;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.toReturnType(this.type.defer(() -> this.next.invoke(this.attempts.copy(call))));
	}

}
