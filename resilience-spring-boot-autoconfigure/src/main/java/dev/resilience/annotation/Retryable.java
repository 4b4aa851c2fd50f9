package dev.resilience.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retries a failing method call: a bounded number of attempts, exponential backoff with jitter
 * between them, all within an optional total time bound.
 *
 * <p>Only transient failures are retried (I/O errors, timeouts, Spring's transient data-access
 * and 429/502/503/504 HTTP exceptions) unless {@link #retryOn()} says otherwise. When the attempts
 * are used up, the last failure is rethrown as it was, not wrapped.
 *
 * <p>On a class, applies to every public method; a method-level annotation replaces it whole.
 * Every attribute left unset takes its value from {@code resilience.retry.instances.<name>},
 * then {@code resilience.retry.defaults}, then the built-in default. Properties of the instance
 * win over the attributes set here.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Retryable {

	/**
	 * Instance name used in properties, endpoints, meters and logs. Default: empty, meaning
	 * {@code SimpleClassName.methodName}.
	 */
	String name() default "";

	/**
	 * Total attempts, the first call included; at least 1. Default: unset (-1), giving 3.
	 */
	int maxAttempts() default -1;

	/**
	 * Delay before the first retry, as a duration ({@code 200ms}, {@code 2s}, {@code PT1M});
	 * {@code ${...}} placeholders allowed. Default: unset, giving 500ms.
	 */
	String delay() default "";

	/**
	 * Factor applied to the delay after each retry; at least 1. Default: unset (-1), giving 2.0.
	 */
	double multiplier() default -1;

	/**
	 * Upper bound of any single delay, as a duration. Default: unset, giving 10s.
	 */
	String maxDelay() default "";

	/**
	 * Random spread of each delay, 0 to 1: a delay is multiplied by a random factor in
	 * {@code [1 - jitter, 1 + jitter]}. Default: unset (-1), giving 0.5.
	 */
	double jitter() default -1;

	/**
	 * Bound on the whole retrying call, as a duration: no delay is started that would end past
	 * it. Default: unset, giving no bound.
	 */
	String maxDuration() default "";

	/**
	 * Failures to retry (subclasses included); replaces the default classification. Default:
	 * unset, meaning transient failures.
	 */
	Class<? extends Throwable>[] retryOn() default {};

	/**
	 * Failures never retried (subclasses included); wins over {@link #retryOn()}. Default: none.
	 */
	Class<? extends Throwable>[] abortOn() default {};

}
