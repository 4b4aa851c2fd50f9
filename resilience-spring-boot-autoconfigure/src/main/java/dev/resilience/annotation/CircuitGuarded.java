package dev.resilience.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a method with a circuit breaker: once the failure rate (or slow-call rate) of the
 * recent calls reaches its threshold, calls are rejected with
 * {@link dev.resilience.core.CallNotPermittedException} without running the method, until
 * {@link #waitInOpen()} has passed and a few trial calls have succeeded.
 *
 * <p>On a class, applies to every public method; a method-level annotation replaces it whole. A
 * class-level annotation with a {@link #name()} makes all methods share one breaker. Every
 * attribute left unset takes its value from {@code resilience.circuit-breaker.instances.<name>},
 * then {@code resilience.circuit-breaker.defaults}, then the built-in default.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CircuitGuarded {

	/**
	 * Instance name used in properties, endpoints, meters and logs. Default: empty, meaning
	 * {@code SimpleClassName.methodName}.
	 */
	String name() default "";

	/**
	 * Failure rate, in percent (0 exclusive to 100), at which the breaker opens. Default: unset
	 * (-1), giving 50.
	 */
	double failureRateThreshold() default -1;

	/**
	 * Calls that must be in the window before any rate is computed; at least 1. Default: unset
	 * (-1), giving 10.
	 */
	int minimumCalls() default -1;

	/**
	 * Size of the sliding window: a number of calls when count-based, seconds when time-based;
	 * at least 1. Default: unset (-1), giving 100.
	 */
	int slidingWindowSize() default -1;

	/**
	 * How long the breaker stays open before letting trial calls through, as a duration
	 * ({@code 30s}); {@code ${...}} placeholders allowed. Default: unset, giving 30s.
	 */
	String waitInOpen() default "";

	/**
	 * Trial calls let through in half-open state; at least 1. Default: unset (-1), giving 3.
	 */
	int halfOpenCalls() default -1;

	/**
	 * Duration from which a call counts as slow. Default: unset, giving 60s.
	 */
	String slowCallDuration() default "";

	/**
	 * Slow-call rate, in percent (0 exclusive to 100), at which the breaker opens. Default:
	 * unset (-1), giving 100.
	 */
	double slowCallRateThreshold() default -1;

	/**
	 * Failures recorded as failures (subclasses included); replaces the default classification.
	 * Other failures count as successes. Default: unset, meaning transient failures.
	 */
	Class<? extends Throwable>[] recordOn() default {};

	/**
	 * Failures neither recorded as failures nor as successes; wins over {@link #recordOn()}.
	 * Default: none.
	 */
	Class<? extends Throwable>[] ignore() default {};

}
