package dev.resilience.benchmarks;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.ConcurrencyLimitBeanPostProcessor;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryConfig;

/**
 * Checks, before measuring, that both libraries run the instances of the benchmarks with the same
 * settings: window size, minimum calls, half-open calls, wait in open, attempts and delay; for
 * the declared limits, calls at once, calls per period, period and wait (Spring's
 * {@code @ConcurrencyLimit} too). After measuring, {@link #oursNeverRefused} checks that our rate
 * limiter and concurrency limit refused no call and made none wait.
 */
final class SettingsCheck {

	private static final List<Object> EXPECTED = List.of(100, 10, 3, Duration.ofSeconds(30), 3,
			Duration.ofMillis(500));

	/** Calls at once, their wait; calls per period, the period, the wait for a turn. */
	private static final List<Object> EXPECTED_LIMITS = List.of(1000, Duration.ZERO, 10_000, Duration.ofNanos(100_000),
			Duration.ZERO);

	private SettingsCheck() {
	}

	static void ours(ApplicationContext context, String circuitBreaker, String retry) {
		ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
		CircuitBreakerConfig breaker = registry.circuitBreaker(circuitBreaker).config();
		RetryConfig attempts = registry.retry(retry).config();
		expect("ours", List.of(breaker.slidingWindowSize(), breaker.minimumCalls(), breaker.halfOpenCalls(),
				breaker.waitInOpen(), attempts.maxAttempts(), attempts.delay()));
	}

	static void resilience4j(ApplicationContext context, String circuitBreaker, String retry) {
		io.github.resilience4j.circuitbreaker.CircuitBreakerConfig breaker = context
			.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker(circuitBreaker)
			.getCircuitBreakerConfig();
		io.github.resilience4j.retry.RetryConfig attempts = context.getBean(RetryRegistry.class)
			.retry(retry)
			.getRetryConfig();
		expect("Resilience4j", List.of(breaker.getSlidingWindowSize(), breaker.getMinimumNumberOfCalls(),
				breaker.getPermittedNumberOfCallsInHalfOpenState(),
				breaker.getWaitIntervalFunctionInOpenState().apply(1), attempts.getMaxAttempts(),
				Duration.ofMillis(attempts.getIntervalBiFunction().apply(1, null))));
	}

	static void oursLimits(ApplicationContext context, String concurrencyLimit, String rateLimiter) {
		ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
		ConcurrencyLimitConfig slots = registry.findConcurrencyLimit(concurrencyLimit)
			.orElseThrow(() -> new IllegalStateException("ours has no concurrency limit " + concurrencyLimit))
			.config();
		RateLimiterConfig rate = registry.findRateLimiter(rateLimiter)
			.orElseThrow(() -> new IllegalStateException("ours has no rate limiter " + rateLimiter))
			.config();
		if (slots.adaptive()) {
			throw new IllegalStateException("ours runs an adaptive concurrency limit instead of a fixed one");
		}
		expectLimits("ours", List.of(slots.limit(), slots.maxWait(), rate.limit(), rate.period(), rate.maxWait()));
	}

	static void resilience4jLimits(ApplicationContext context, String bulkhead, String rateLimiter) {
		io.github.resilience4j.bulkhead.BulkheadConfig slots = context.getBean(BulkheadRegistry.class)
			.bulkhead(bulkhead)
			.getBulkheadConfig();
		io.github.resilience4j.ratelimiter.RateLimiterConfig rate = context.getBean(RateLimiterRegistry.class)
			.rateLimiter(rateLimiter)
			.getRateLimiterConfig();
		expectLimits("Resilience4j", List.of(slots.getMaxConcurrentCalls(), slots.getMaxWaitDuration(),
				rate.getLimitForPeriod(), rate.getLimitRefreshPeriod(), rate.getTimeoutDuration()));
	}

	/**
	 * Checks that Spring's {@code @ConcurrencyLimit} is applied to a method of a class proxy, by
	 * the advisor of {@code @EnableResilientMethods}, with the same number of calls at once, and
	 * refuses at once rather than blocking.
	 */
	static void springConcurrencyLimit(Object bean, String methodName) {
		if (!AopUtils.isCglibProxy(bean) || !(bean instanceof Advised advised)) {
			throw new IllegalStateException(bean.getClass().getName() + " is not a class proxy");
		}
		boolean applied = Arrays.stream(advised.getAdvisors())
			.map(Advisor::getAdvice)
			.anyMatch((advice) -> advice.getClass().getEnclosingClass() == ConcurrencyLimitBeanPostProcessor.class);
		if (!applied) {
			throw new IllegalStateException("Spring's @ConcurrencyLimit is not applied to " + advised.getTargetClass());
		}
		Method method = Arrays.stream(advised.getTargetClass().getMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		ConcurrencyLimit limit = AnnotatedElementUtils.findMergedAnnotation(method, ConcurrencyLimit.class);
		if (limit == null || limit.limit() != (int) EXPECTED_LIMITS.get(0)
				|| limit.policy() != ConcurrencyLimit.ThrottlePolicy.REJECT) {
			throw new IllegalStateException("Spring runs " + methodName + " with " + limit + " instead of "
					+ EXPECTED_LIMITS.get(0) + " calls at once, refused at once");
		}
	}

	/**
	 * Checks, after measuring, that no call was refused or made to wait by our limits, so that
	 * only the happy path was measured (a refused call also fails the benchmark at once, with its
	 * exception).
	 */
	static void oursNeverRefused(ApplicationContext context, String concurrencyLimit, String rateLimiter) {
		ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
		dev.resilience.core.ConcurrencyLimit.Metrics slots = registry.findConcurrencyLimit(concurrencyLimit)
			.orElseThrow()
			.metrics();
		RateLimiter.Metrics rate = registry.findRateLimiter(rateLimiter).orElseThrow().metrics();
		if (slots.rejectedCalls() != 0 || rate.rejectedCalls() != 0 || rate.waitedCalls() != 0) {
			throw new IllegalStateException("ours refused or delayed calls: " + slots + ", " + rate
					+ "; the limits of the benchmark are too low for its call rate");
		}
	}

	private static void expectLimits(String library, List<Object> actual) {
		if (!actual.equals(EXPECTED_LIMITS)) {
			throw new IllegalStateException(library + " runs with " + actual + " instead of " + EXPECTED_LIMITS
					+ " (calls at once, their wait, calls per period, period, wait for a turn)");
		}
	}

	private static void expect(String library, List<Object> actual) {
		List<Object> normalized = actual.stream()
			.map((value) -> (value instanceof Long millis) ? Duration.ofMillis(millis) : value)
			.toList();
		if (!normalized.equals(EXPECTED)) {
			throw new IllegalStateException(library + " runs with " + normalized + " instead of " + EXPECTED
					+ " (window size, minimum calls, half-open calls, wait in open, attempts, delay)");
		}
	}

}
