package dev.resilience.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application contexts of the benchmarks: a plain Spring Boot application whose
 * sources are given explicitly (no component scanning, no {@code @EnableAutoConfiguration}), so
 * each context holds only the auto-configuration its sources import. Every context is configured
 * the same way for both libraries: a count-based window of 100 calls with at least 10 calls
 * before a decision, 50 % failure-rate threshold, 30 s open, 3 half-open trial calls, 60 s slow
 * calls; 3 attempts with 500 ms between them. The declared limits never refuse a call of the
 * benchmarks: 1,000 calls at once, and 10,000 calls per 100 µs (a call would have to take less
 * than 10 ns on average, faster than the unadvised proxy alone, for the window to fill), each
 * refusing at once rather than waiting.
 */
final class Contexts {

	/** No properties. */
	static final String[] NONE = {};

	/** Our settings, written out although most are the defaults. */
	static final String[] OURS = {
			"resilience.circuit-breaker.defaults.sliding-window-type=count-based",
			"resilience.circuit-breaker.defaults.sliding-window-size=100",
			"resilience.circuit-breaker.defaults.minimum-calls=10",
			"resilience.circuit-breaker.defaults.failure-rate-threshold=50",
			"resilience.circuit-breaker.defaults.wait-in-open=30s",
			"resilience.circuit-breaker.defaults.half-open-calls=3",
			"resilience.circuit-breaker.defaults.slow-call-duration=60s",
			"resilience.circuit-breaker.defaults.slow-call-rate-threshold=100",
			"resilience.retry.defaults.max-attempts=3",
			"resilience.retry.defaults.delay=500ms",
			"resilience.time-limiter.defaults.timeout=5s",
			"resilience.concurrency-limit.defaults.limit=1000",
			"resilience.concurrency-limit.defaults.max-wait=0",
			"resilience.rate-limiter.defaults.limit=10000",
			"resilience.rate-limiter.defaults.period=100us",
			"resilience.rate-limiter.defaults.max-wait=0" };

	/** The same settings for Resilience4j, whose defaults differ (100 minimum calls, 60 s open, ...). */
	static final String[] RESILIENCE4J = {
			"resilience4j.circuitbreaker.configs.default.sliding-window-type=COUNT_BASED",
			"resilience4j.circuitbreaker.configs.default.sliding-window-size=100",
			"resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=10",
			"resilience4j.circuitbreaker.configs.default.failure-rate-threshold=50",
			"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=30s",
			"resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=3",
			"resilience4j.circuitbreaker.configs.default.slow-call-duration-threshold=60s",
			"resilience4j.circuitbreaker.configs.default.slow-call-rate-threshold=100",
			"resilience4j.retry.configs.default.max-attempts=3",
			"resilience4j.retry.configs.default.wait-duration=500ms",
			"resilience4j.bulkhead.configs.default.max-concurrent-calls=1000",
			"resilience4j.bulkhead.configs.default.max-wait-duration=0",
			"resilience4j.ratelimiter.configs.default.limit-for-period=10000",
			"resilience4j.ratelimiter.configs.default.limit-refresh-period=100us",
			"resilience4j.ratelimiter.configs.default.timeout-duration=0" };

	private Contexts() {
	}

	/**
	 * Starts an application.
	 * @param properties its properties
	 * @param configuration the configuration that imports a library's auto-configuration
	 * @param beans the classes of the annotated beans
	 * @return the running context, which the caller closes
	 */
	static ConfigurableApplicationContext start(String[] properties, Class<?> configuration, Class<?>... beans) {
		List<Class<?>> sources = new ArrayList<>();
		sources.add(configuration);
		sources.addAll(List.of(beans));
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("logging.level.root=WARN");
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
