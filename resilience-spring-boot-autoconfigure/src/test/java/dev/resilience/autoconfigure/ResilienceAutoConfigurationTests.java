package dev.resilience.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.aop.ResilienceAnnotationBeanPostProcessor;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiterConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and beans of {@link ResilienceAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void runWhenNothingIsConfiguredShouldProvideRegistryExecutorAndPostProcessor() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ResilienceRegistry.class);
			assertThat(context).hasSingleBean(ResilienceAnnotationBeanPostProcessor.class);
			assertThat(context).hasBean(ResilienceAutoConfiguration.TIME_LIMITER_EXECUTOR_BEAN_NAME);
		});
	}

	@Test
	void runWhenDisabledShouldProvideNothing() {
		this.runner.withPropertyValues("resilience.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ResilienceRegistry.class);
			assertThat(context).doesNotHaveBean(ResilienceAnnotationBeanPostProcessor.class);
		});
	}

	@Test
	void runWhenEnabledIsNotABooleanShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("resilience.enabled=maybe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Invalid boolean value 'maybe'"));
	}

	@Test
	void runWhenEnabledIsTrueInAnyCaseShouldProvideRegistry() {
		this.runner.withPropertyValues("resilience.enabled=TRUE")
			.run((context) -> assertThat(context).hasSingleBean(ResilienceRegistry.class));
	}

	@Test
	void runWhenUserDefinesRegistryShouldUseIt() {
		ResilienceRegistry own = new ResilienceRegistry(dev.resilience.core.ConfigSource.builtIn(),
				dev.resilience.core.Clock.system(), dev.resilience.core.Sleeper.system(), Runnable::run);
		this.runner.withBean(ResilienceRegistry.class, () -> own)
			.run((context) -> assertThat(context.getBean(ResilienceRegistry.class)).isSameAs(own));
	}

	@Test
	void runWhenUserDefinesConfigSourceShouldBuildRegistryFromIt() {
		RecordingConfigSource own = new RecordingConfigSource();
		this.runner.withBean(ConfigSource.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(ConfigSource.class);
			assertThat(context).doesNotHaveBean(PropertiesConfigSource.class);
			context.getBean(ResilienceRegistry.class).retry("orders");
			assertThat(own.retryNames).containsExactly("orders");
		});
	}

	@Test
	void runWhenUserDefinesTimeLimiterExecutorShouldUseIt() {
		ExecutorService own = Executors.newSingleThreadExecutor();
		try {
			this.runner.withBean(ResilienceAutoConfiguration.TIME_LIMITER_EXECUTOR_BEAN_NAME, ExecutorService.class,
					() -> own)
				.run((context) -> assertThat(context.getBean(ResilienceAutoConfiguration.TIME_LIMITER_EXECUTOR_BEAN_NAME))
					.isSameAs(own));
		}
		finally {
			own.shutdownNow();
		}
	}

	@Test
	void runWhenClockBeanIsDefinedShouldDriveInstancesWithIt() {
		this.runner.withBean(ManualClock.class).withBean(Breakable.class).run((context) -> {
			ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
			assertThat(registry.clock()).isSameAs(context.getBean(ManualClock.class));
		});
	}

	@Test
	void runWhenInstanceIsConfiguredButUnusedShouldWarn(CapturedOutput output) {
		this.runner.withBean(Breakable.class)
			.withPropertyValues("resilience.circuit-breaker.instances.breakable.minimum-calls=5",
					"resilience.circuit-breaker.instances.brekable.minimum-calls=5")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("resilience.circuit-breaker.instances.brekable is configured, but no "
						+ "annotated method or code uses an instance named 'brekable'");
				assertThat(output).doesNotContain("instances.breakable is configured");
			});
	}

	@Test
	void runWhenPropertyIsInvalidShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("resilience.circuit-breaker.defaults.failure-rate-threshold=120")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining(
						"resilience.circuit-breaker.defaults.failure-rate-threshold");
			});
	}

	@Test
	void runWhenARateLimiterKeepsItsStateInRedisWithoutAConnectionShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("resilience.rate-limiter.instances.geocoder.store=redis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("resilience.rate-limiter.instances.geocoder.store")
				.hasStackTraceContaining("spring-boot-starter-data-redis");
		});
	}

	@Test
	void runWhenProxyTargetClassIsFalseShouldProxyInterfaces() {
		this.runner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(Greeter.class, FlakyGreeter::new)
			.run((context) -> {
				Greeter greeter = context.getBean(Greeter.class);
				assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();
				assertThat(greeter.greet("ada")).isEqualTo("hello ada");
				assertThat(context.getBean(ResilienceRegistry.class).retry("greeter").metrics().retryAttempts())
					.isEqualTo(1);
			});
	}

	@Test
	void timeLimitedWorkSeesTheCallersMdc() {
		this.runner.withBean(MdcReader.class).run((context) -> {
			MdcReader reader = context.getBean(MdcReader.class);
			MDC.put("requestId", "r-42");
			try {
				assertThat(reader.requestIdOnWorker()).isEqualTo("r-42");
				assertThat(reader.workerThread()).isNotSameAs(Thread.currentThread());
			}
			finally {
				MDC.remove("requestId");
			}
		});
	}

	static class Breakable {

		@CircuitGuarded(name = "breakable")
		public String call() {
			return "ok";
		}

	}

	interface Greeter {

		String greet(String name) throws IOException;

	}

	static class FlakyGreeter implements Greeter {

		private int calls;

		@Override
		@Retryable(name = "greeter", delay = "1ms", jitter = 0)
		public String greet(String name) throws IOException {
			if (this.calls++ == 0) {
				throw new IOException("first call fails");
			}
			return "hello " + name;
		}

	}

	static class MdcReader {

		private volatile Thread workerThread;

		@TimeLimited(timeout = "5s")
		public String requestIdOnWorker() {
			this.workerThread = Thread.currentThread();
			return MDC.get("requestId");
		}

		public Thread workerThread() {
			return this.workerThread;
		}

	}

	/**
	 * The built-in settings, recording the names of the retries asked for.
	 */
	static final class RecordingConfigSource implements ConfigSource {

		private final ConfigSource builtIn = ConfigSource.builtIn();

		final List<String> retryNames = new CopyOnWriteArrayList<>();

		@Override
		public CircuitBreakerConfig circuitBreaker(String name, Consumer<CircuitBreakerConfig.Builder> fromCode) {
			return this.builtIn.circuitBreaker(name, fromCode);
		}

		@Override
		public RetryConfig retry(String name, Consumer<RetryConfig.Builder> fromCode) {
			this.retryNames.add(name);
			return this.builtIn.retry(name, fromCode);
		}

		@Override
		public TimeLimiterConfig timeLimiter(String name, Consumer<TimeLimiterConfig.Builder> fromCode) {
			return this.builtIn.timeLimiter(name, fromCode);
		}

		@Override
		public ConcurrencyLimitConfig concurrencyLimit(String name, Consumer<ConcurrencyLimitConfig.Builder> fromCode) {
			return this.builtIn.concurrencyLimit(name, fromCode);
		}

		@Override
		public RateLimiterConfig rateLimiter(String name, Consumer<RateLimiterConfig.Builder> fromCode) {
			return this.builtIn.rateLimiter(name, fromCode);
		}

	}

}
