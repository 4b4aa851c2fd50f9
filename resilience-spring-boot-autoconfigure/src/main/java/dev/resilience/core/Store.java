package dev.resilience.core;

/**
 * Where a policy keeps the state its bound is counted in.
 *
 * @since 0.2.0
 */
public enum Store {

	/** In this application instance: each instance has a bound of its own. */
	LOCAL,

	/**
	 * In Redis, shared by every instance of the application: the bound holds for the fleet. A
	 * Redis that does not answer in time makes the instance decide locally until it answers
	 * again.
	 */
	REDIS

}
