package dev.resilience.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * What answers a failed call instead of its failure.
 *
 * @param <C> the type of the call
 * @since 0.1.0
 */
public interface FallbackHandler<C> {

	/**
	 * Whether this fallback answers the failure.
	 * @param failure the failure of the call
	 * @return true to answer it
	 */
	boolean appliesTo(Throwable failure);

	/**
	 * Answers a failure.
	 * @param call the call that failed
	 * @param failure its failure
	 * @return the answer: a value, or for an asynchronous call the value or its return type
	 * @throws Throwable a failure that replaces the given one
	 */
	@Nullable Object apply(C call, Throwable failure) throws Throwable;

}
