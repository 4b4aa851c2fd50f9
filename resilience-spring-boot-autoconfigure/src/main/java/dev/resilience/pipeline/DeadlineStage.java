package dev.resilience.pipeline;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.Deadline;
import dev.resilience.core.TimeLimitExceededException;

/**
 * Fails a call at once, without running it, when it is entered after the deadline of the work it
 * belongs to has passed: the caller that waits for it has given up already. It sits inside the
 * fallback, which may still answer. For asynchronous calls it runs when the work starts (at
 * subscription for a publisher), and the failure reaches the caller through the returned future
 * or publisher.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public final class DeadlineStage<C> implements Stage<C> {

	private final String name;

	private final Attempts<C> attempts;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param name the name the exception gives
	 * @param attempts gives the deadline of a call
	 * @param next the rest of the pipeline
	 */
	public DeadlineStage(String name, Attempts<C> attempts, Stage<C> next) {
		this.name = name;
		this.attempts = attempts;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		Deadline deadline = this.attempts.deadline(call);
		if (deadline != null && deadline.isExpired()) {
			throw new TimeLimitExceededException(this.name, Duration.ZERO);
		}
		return this.next.invoke(call);
	}

}
