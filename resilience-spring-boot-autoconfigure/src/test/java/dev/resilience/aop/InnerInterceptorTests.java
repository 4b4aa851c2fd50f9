package dev.resilience.aop;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interceptors inside the pipeline (transactions, for example) run on every attempt of a retry,
 * not only on the first.
 */
class InnerInterceptorTests {

	private static final AtomicInteger innerCalls = new AtomicInteger();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withUserConfiguration(Config.class);

	@Test
	void innerInterceptorRunsOnEveryAttempt() {
		innerCalls.set(0);
		this.runner.run((context) -> {
			Flaky flaky = context.getBean(Flaky.class);
			assertThat(((Advised) flaky).getAdvisorCount()).isEqualTo(2);
			assertThat(flaky.call()).isEqualTo("ok after 3");
			assertThat(innerCalls).hasValue(3);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		static CountingPostProcessor countingPostProcessor() {
			return new CountingPostProcessor();
		}

		@Bean
		Flaky flaky() {
			return new Flaky();
		}

	}

	/** Proxies every {@link Flaky} with an interceptor that counts the calls passing it. */
	static class CountingPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

		CountingPostProcessor() {
			MethodInterceptor counting = (invocation) -> {
				innerCalls.incrementAndGet();
				return invocation.proceed();
			};
			DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(counting);
			advisor.setPointcut(new org.springframework.aop.support.annotation.AnnotationMatchingPointcut(null,
					Retryable.class, true));
			this.advisor = advisor;
			setProxyTargetClass(true);
			setOrder(Ordered.HIGHEST_PRECEDENCE);
		}

	}

	static class Flaky {

		private final AtomicInteger calls = new AtomicInteger();

		@Retryable(maxAttempts = 3, delay = "1ms")
		public String call() throws IOException {
			int call = this.calls.incrementAndGet();
			if (call < 3) {
				throw new IOException("try again");
			}
			return "ok after " + call;
		}

	}

}
