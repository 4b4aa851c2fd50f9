package dev.resilience.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds how many calls of an instance run at once. A call past the limit waits at most
 * {@link #maxWait()} for a slot, never past its deadline, then fails at once with a
 * {@link dev.resilience.core.LimitExceededException}, having done nothing. A slot is held until
 * the work really ends: after a {@link TimeLimited} timeout until the abandoned work returns, for
 * a {@code CompletionStage} until it completes, for a {@code Mono} or {@code Flux} until it
 * terminates or is cancelled.
 *
 * <p>With {@code resilience.concurrency-limit.instances.<name>.adaptive: true} the limit is
 * measured from the latency of the calls instead of fixed, between {@code min-limit} and
 * {@code max-limit}.
 *
 * <p>On a class, applies to every public method; a method-level annotation replaces it whole.
 * Every attribute left unset takes its value from
 * {@code resilience.concurrency-limit.instances.<name>}, then
 * {@code resilience.concurrency-limit.defaults}, then the built-in default.
 *
 * @since 0.2.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConcurrencyLimited {

	/**
	 * Instance name used in properties, endpoints, meters and logs. Default: empty, meaning
	 * {@code SimpleClassName.methodName}.
	 */
	String name() default "";

	/**
	 * Calls of the instance that may run at once; with an adaptive limit, the limit it starts
	 * from. Default: unset ({@code -1}), giving 25.
	 */
	int limit() default -1;

	/**
	 * Longest time a call waits for a slot, as a duration ({@code 50ms}); {@code ${...}}
	 * placeholders allowed. Default: unset, giving 0: refused at once.
	 */
	String maxWait() default "";

}
