package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * One step of a method's pipeline: applies one policy around the rest of the pipeline.
 *
 * <p>Stages are built once per method at start-up and shared by all calls, so they are
 * immutable and thread-safe; per-call state lives on the stack.
 */
interface Stage {

	/**
	 * Runs this stage and the rest of the pipeline for one call.
	 * @param invocation the call; each attempt of a retry gets its own copy
	 * @return the method's result
	 * @throws Throwable the failure that leaves this stage
	 */
	@Nullable Object invoke(MethodInvocation invocation) throws Throwable;

}
