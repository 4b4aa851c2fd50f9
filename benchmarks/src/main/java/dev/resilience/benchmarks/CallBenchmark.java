package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import org.aopalliance.intercept.MethodInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost of one call on the happy path (nothing fails), on one thread: a direct call, the same
 * bean behind Spring proxies without advice, and behind each library's annotations, the declared
 * limits (concurrency, rate) set so high that they never refuse a call. Every
 * annotated bean is a CGLIB class proxy made by its library's own post-processor in a Spring Boot
 * application context.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallBenchmark {

	/** The argument of every call, read from a field so that the JIT cannot fold it. */
	@State(Scope.Thread)
	public static class Input {

		public String value = "payload";

	}

	@State(Scope.Benchmark)
	public static class Baseline {

		PlainService direct;

		PlainService proxy;

		PlainService noOpInterceptorProxy;

		@Setup(Level.Trial)
		public void setUp() {
			this.direct = new PlainService();
			this.proxy = classProxy(new ProxyFactory(this.direct));
			ProxyFactory withInterceptor = new ProxyFactory(this.direct);
			withInterceptor.addAdvice((MethodInterceptor) (invocation) -> invocation.proceed());
			this.noOpInterceptorProxy = classProxy(withInterceptor);
		}

		private static PlainService classProxy(ProxyFactory factory) {
			factory.setProxyTargetClass(true);
			return (PlainService) factory.getProxy();
		}

	}

	@State(Scope.Benchmark)
	public static class Ours {

		ConfigurableApplicationContext context;

		OursService service;

		@Setup(Level.Trial)
		public void setUp() {
			this.context = Contexts.start(Contexts.OURS, Configurations.Ours.class, OursService.class);
			this.service = proxied(this.context.getBean(OursService.class));
			SettingsCheck.ours(this.context, "circuit", "retry");
			SettingsCheck.oursLimits(this.context, "concurrency", "rate");
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			try {
				SettingsCheck.oursNeverRefused(this.context, "concurrency", "rate");
			}
			finally {
				this.context.close();
			}
		}

	}

	@State(Scope.Benchmark)
	public static class Resilience4j {

		ConfigurableApplicationContext context;

		Resilience4jService service;

		@Setup(Level.Trial)
		public void setUp() {
			this.context = Contexts.start(Contexts.RESILIENCE4J, Configurations.Resilience4j.class,
					Resilience4jService.class);
			this.service = proxied(this.context.getBean(Resilience4jService.class));
			SettingsCheck.resilience4j(this.context, "circuit", "retry");
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.context.close();
		}

	}

	@State(Scope.Benchmark)
	public static class Resilience4jLimits {

		ConfigurableApplicationContext context;

		Resilience4jService service;

		@Setup(Level.Trial)
		public void setUp() {
			this.context = Contexts.start(Contexts.RESILIENCE4J, Configurations.Resilience4jLimits.class,
					Resilience4jService.class);
			this.service = proxied(this.context.getBean(Resilience4jService.class));
			SettingsCheck.resilience4jLimits(this.context, "concurrency", "rate");
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.context.close();
		}

	}

	@State(Scope.Benchmark)
	public static class SpringRetry {

		ConfigurableApplicationContext context;

		SpringRetryService service;

		@Setup(Level.Trial)
		public void setUp() {
			this.context = Contexts.start(Contexts.NONE, Configurations.Spring.class, SpringRetryService.class);
			this.service = proxied(this.context.getBean(SpringRetryService.class));
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.context.close();
		}

	}

	@State(Scope.Benchmark)
	public static class SpringConcurrencyLimit {

		ConfigurableApplicationContext context;

		SpringConcurrencyLimitService service;

		@Setup(Level.Trial)
		public void setUp() {
			this.context = Contexts.start(Contexts.NONE, Configurations.Spring.class,
					SpringConcurrencyLimitService.class);
			this.service = proxied(this.context.getBean(SpringConcurrencyLimitService.class));
			SettingsCheck.springConcurrencyLimit(this.service, "concurrencyLimit");
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.context.close();
		}

	}

	static <T> T proxied(T bean) {
		if (!AopUtils.isCglibProxy(bean)) {
			throw new IllegalStateException(bean.getClass().getName() + " is not a class proxy: nothing would be measured");
		}
		return bean;
	}

	@Benchmark
	public String baselineDirect(Baseline baseline, Input input) {
		return baseline.direct.call(input.value);
	}

	@Benchmark
	public String baselineProxy(Baseline baseline, Input input) {
		return baseline.proxy.call(input.value);
	}

	@Benchmark
	public String baselineProxyNoOpInterceptor(Baseline baseline, Input input) {
		return baseline.noOpInterceptorProxy.call(input.value);
	}

	@Benchmark
	public String oursCircuitGuarded(Ours ours, Input input) {
		return ours.service.circuitGuarded(input.value);
	}

	@Benchmark
	public String oursRetryable(Ours ours, Input input) {
		return ours.service.retryable(input.value);
	}

	@Benchmark
	public String oursRetryableCircuitGuardedFallback(Ours ours, Input input) {
		return ours.service.retryCircuitFallback(input.value);
	}

	@Benchmark
	public String oursTimeLimited(Ours ours, Input input) {
		return ours.service.timeLimited(input.value);
	}

	@Benchmark
	public String oursConcurrencyLimited(Ours ours, Input input) {
		return ours.service.concurrencyLimited(input.value);
	}

	@Benchmark
	public String oursRateLimited(Ours ours, Input input) {
		return ours.service.rateLimited(input.value);
	}

	@Benchmark
	public String resilience4jCircuitBreaker(Resilience4j resilience4j, Input input) {
		return resilience4j.service.circuitBreaker(input.value);
	}

	@Benchmark
	public String resilience4jRetry(Resilience4j resilience4j, Input input) {
		return resilience4j.service.retry(input.value);
	}

	@Benchmark
	public String resilience4jRetryCircuitBreakerFallback(Resilience4j resilience4j, Input input) {
		return resilience4j.service.retryCircuitBreakerFallback(input.value);
	}

	@Benchmark
	public String resilience4jBulkhead(Resilience4jLimits resilience4j, Input input) {
		return resilience4j.service.bulkhead(input.value);
	}

	@Benchmark
	public String resilience4jRateLimiter(Resilience4jLimits resilience4j, Input input) {
		return resilience4j.service.rateLimiter(input.value);
	}

	@Benchmark
	public String springRetryable(SpringRetry spring, Input input) {
		return spring.service.retryable(input.value);
	}

	@Benchmark
	public String springConcurrencyLimit(SpringConcurrencyLimit spring, Input input) {
		return spring.service.concurrencyLimit(input.value);
	}

}
