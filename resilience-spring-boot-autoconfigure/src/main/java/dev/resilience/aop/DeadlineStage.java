package dev.resilience.aop;

import java.time.Duration;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.Deadline;
import dev.resilience.core.TimeLimitExceededException;

/**
 * Fails a call at once, without running it, when it is entered after the deadline of the work it
 * belongs to has passed: the caller that waits for it has given up already. It sits inside the
 * fallback, which may still answer. For asynchronous methods it runs when the work starts (at
 * subscription for a publisher), and the failure reaches the caller through the returned future
 * or publisher.
 */
final class DeadlineStage implements Stage {

	private final String name;

	private final Stage next;

	DeadlineStage(String name, Stage next) {
		this.name = name;
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Deadline deadline = Deadline.current();
		if (deadline != null && deadline.isExpired()) {
			throw new TimeLimitExceededException(this.name, Duration.ZERO);
		}
		return this.next.invoke(invocation);
	}

}
