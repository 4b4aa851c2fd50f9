package dev.resilience.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets at most {@link #limit()} calls of an instance start in any interval of length
 * {@link #period()}: a rolling window, so there is no double burst at the edge of a fixed one. A
 * call over the limit waits for its turn when that comes within {@link #maxWait()} and before its
 * deadline, else it fails at once with a {@link dev.resilience.core.LimitExceededException},
 * having done nothing. Each attempt of a retried call is one call.
 *
 * <p>On a class, applies to every public method; a method-level annotation replaces it whole.
 * Every attribute left unset takes its value from
 * {@code resilience.rate-limiter.instances.<name>}, then {@code resilience.rate-limiter.defaults},
 * then the built-in default.
 *
 * @since 0.2.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimited {

	/**
	 * Instance name used in properties, endpoints, meters and logs. Default: empty, meaning
	 * {@code SimpleClassName.methodName}.
	 */
	String name() default "";

	/**
	 * Calls that may start in any interval of length {@link #period()}. Default: unset
	 * ({@code -1}), giving 100.
	 */
	int limit() default -1;

	/**
	 * The length of the rolling window, as a duration ({@code 1s}, {@code 1m}); {@code ${...}}
	 * placeholders allowed. Default: unset, giving 1s.
	 */
	String period() default "";

	/**
	 * Longest time a call waits for its turn, as a duration; {@code ${...}} placeholders allowed.
	 * Default: unset, giving 0: refused at once.
	 */
	String maxWait() default "";

}
