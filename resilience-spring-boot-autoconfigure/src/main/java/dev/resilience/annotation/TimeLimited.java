package dev.resilience.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds the time a method call may take. At the timeout the caller gets control back with a
 * {@link dev.resilience.core.TimeLimitExceededException}, also when the method body ignores
 * interruption; the body runs on a worker thread that receives the caller's thread-local context
 * (MDC, security context, observations).
 *
 * <p>On a class, applies to every public method; a method-level annotation replaces it whole.
 * Every attribute left unset takes its value from {@code resilience.time-limiter.instances.<name>},
 * then {@code resilience.time-limiter.defaults}, then the built-in default.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TimeLimited {

	/**
	 * Instance name used in properties, endpoints, meters and logs. Default: empty, meaning
	 * {@code SimpleClassName.methodName}.
	 */
	String name() default "";

	/**
	 * Longest time a call may take, as a duration ({@code 200ms}, {@code 2s}); {@code ${...}}
	 * placeholders allowed. Default: unset, giving 5s.
	 */
	String timeout() default "";

	/**
	 * Whether the work is interrupted at the timeout: {@code "true"} or {@code "false"};
	 * {@code ${...}} placeholders allowed. Default: unset ({@code ""}), giving
	 * {@code resilience.time-limiter.defaults.cancel-running}, itself true unless configured.
	 * Any other value fails start-up.
	 */
	String cancelRunning() default "";

}
