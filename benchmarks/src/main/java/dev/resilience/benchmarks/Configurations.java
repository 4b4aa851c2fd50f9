package dev.resilience.benchmarks;

import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

/**
 * One configuration per library, each importing exactly the auto-configuration that library
 * needs for its annotations, as an application with {@code @SpringBootApplication} would get.
 * The annotated beans are registered next to them as sources of the application.
 */
final class Configurations {

	private Configurations() {
	}

	/** This starter: its auto-configuration alone (its advisor needs no AspectJ auto-proxying). */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ResilienceAutoConfiguration.class)
	static class Ours {

	}

	/** No resilience library at all: the annotations of the beans do nothing. */
	@Configuration(proxyBeanMethods = false)
	static class None {

	}

	/** Resilience4j: its aspects need Spring Boot's AspectJ auto-proxying. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
			RetryAutoConfiguration.class })
	static class Resilience4j {

	}

	/**
	 * Resilience4j's declared limits, {@code @Bulkhead} and {@code @RateLimiter}: a context of
	 * their own, so that the start-up benchmark's Resilience4j context stays what it was.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, BulkheadAutoConfiguration.class,
			RateLimiterAutoConfiguration.class })
	static class Resilience4jLimits {

	}

	/**
	 * Spring Framework 7's resilient methods ({@code @Retryable}, {@code @ConcurrencyLimit}), with
	 * class proxies like the others.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableResilientMethods(proxyTargetClass = true)
	static class Spring {

	}

}
