package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * One step of a pipeline: applies one policy around the rest of the pipeline.
 *
 * <p>Stages know nothing of what they guard beyond {@link Attempts}: the same stages guard
 * annotated methods and HTTP clients. They are built once and shared by all calls, so they are
 * immutable and thread-safe; per-call state lives on the stack or in the call.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
@FunctionalInterface
public interface Stage<C> {

	/**
	 * Runs this stage and the rest of the pipeline for one call.
	 * @param call the call; each attempt of a retry gets its own copy
	 * @return the result: what the call returned, or for an asynchronous pipeline its
	 * {@link AsyncType}'s working form
	 * @throws Throwable the failure that leaves this stage
	 */
	@Nullable Object invoke(C call) throws Throwable;

}
