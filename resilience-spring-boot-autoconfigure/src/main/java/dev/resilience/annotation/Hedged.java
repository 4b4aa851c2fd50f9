package dev.resilience.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Hedges a slow call of idempotent work: when an attempt has not answered after {@link #delay()},
 * a second attempt starts beside it, a third after another delay, up to {@link #maxAttempts()} in
 * all. The first success wins; the other attempts are cancelled (interrupted, or their future or
 * subscription cancelled) and their results never reach the caller. If every attempt fails, the
 * failure of the attempt that failed last is thrown as it was. A failure sends no attempt early:
 * retrying failures is {@link Retryable}'s job.
 *
 * <p><strong>Only idempotent work may be hedged</strong>: the same work runs more than once, at
 * the same time. Every attempt sees the call's idempotency key
 * ({@code RetryContext.current().idempotencyKey()}) and deadline, and passes the circuit breaker,
 * rate limiter, time limiter and concurrency limit below it. Hedges are capped by a budget
 * ({@code resilience.hedge.*.budget}); a hedge the budget refuses is not sent.
 *
 * <p>A synchronous method runs its attempts on the time limiter's worker threads, with the
 * caller's thread-local context; one returning {@code CompletionStage}, {@code Mono} or
 * {@code Flux} hedges without blocking a thread, a {@code Flux} attempt answering with its first
 * element (the winner then streams on).
 *
 * <p>On a class, applies to every public method; a method-level annotation replaces it whole.
 * Every attribute left unset takes its value from {@code resilience.hedge.instances.<name>}, then
 * {@code resilience.hedge.defaults}, then the built-in default.
 *
 * @since 0.3.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Hedged {

	/**
	 * Instance name used in properties, endpoints, meters and logs. Default: empty, meaning
	 * {@code SimpleClassName.methodName}.
	 */
	String name() default "";

	/**
	 * Attempts of one call in all, the first included; from 2 to 10. Default: unset ({@code -1}),
	 * giving 2.
	 */
	int maxAttempts() default -1;

	/**
	 * How long to wait for an answer before sending the next attempt: a duration ({@code 80ms}),
	 * or a percentile of the instance's own recent latency ({@code p90}, {@code p95},
	 * {@code p99}), which waits {@code min-delay} until 20 calls were seen; {@code ${...}}
	 * placeholders allowed. Default: unset, giving {@code p95}.
	 */
	String delay() default "";

}
