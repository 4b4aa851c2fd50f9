package dev.resilience.pipeline;

/**
 * The end of an asynchronous pipeline: runs one attempt of the call and turns what it returns
 * into a result; an attempt that throws, or returns {@code null}, gives a failed result.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class AsyncProceedStage<C> implements Stage<C> {

	private final AsyncType type;

	private final Attempts<C> attempts;

	private final String nullReturnedMessage;

	/**
	 * Creates the stage.
	 * @param type the asynchronous type of the call
	 * @param attempts runs the attempt
	 * @param nullReturnedMessage the message of the failure when an attempt returns {@code null}
	 */
	public AsyncProceedStage(AsyncType type, Attempts<C> attempts, String nullReturnedMessage) {
		this.type = type;
		this.attempts = attempts;
		this.nullReturnedMessage = nullReturnedMessage;
	}

	@Override
	public Object invoke(C call) {
		Object returned;
		try {
			returned = this.attempts.proceed(call);
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
