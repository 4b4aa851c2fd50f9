package dev.resilience.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

import dev.resilience.actuate.ResilienceEventLogger;
import dev.resilience.core.ResilienceRegistry;

/**
 * Auto-configuration of the log lines of state transitions and retries. Needs neither Actuator
 * nor Micrometer; its volume is set with {@code logging.level.dev.resilience}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnBean(ResilienceRegistry.class)
public final class ResilienceLoggingAutoConfiguration {

	@Bean
	ResilienceEventLogger resilienceEventLogger(ResilienceRegistry registry) {
		ResilienceEventLogger logger = new ResilienceEventLogger();
		registry.addListener(logger);
		return logger;
	}

}
