package dev.resilience.test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application of this module's Spring tests: the starter's auto-configuration and one bean
 * of {@link GuardedCalls}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class GuardedCallsApplication {

	@Bean
	GuardedCalls guardedCalls() {
		return new GuardedCalls();
	}

}
