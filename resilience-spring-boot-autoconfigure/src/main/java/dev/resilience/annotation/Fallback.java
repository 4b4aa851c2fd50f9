package dev.resilience.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Answers a failed call with another method of the same bean: graceful degradation.
 *
 * <p>The fallback method takes the guarded method's parameters, optionally followed by one
 * {@link Throwable} (or subtype) parameter that receives the failure. Several overloads may differ
 * in that last parameter; the most specific one for the thrown type is chosen. Its return type
 * must be assignable to the guarded method's. A missing or incompatible fallback method fails
 * application start-up.
 *
 * <p>Outermost of the four annotations: it sees the failure after retries, a rejection by an open
 * circuit breaker and a timeout alike.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Fallback {

	/**
	 * Name of the fallback method on the same bean. Required.
	 */
	String method();

	/**
	 * Failures answered by the fallback (subclasses included). Default: all.
	 */
	Class<? extends Throwable>[] applyOn() default {};

	/**
	 * Failures rethrown as they are, never answered by the fallback; wins over
	 * {@link #applyOn()}. Default: none.
	 */
	Class<? extends Throwable>[] skipOn() default {};

}
