package dev.resilience.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.resilience.core.SharedStore;
import dev.resilience.redis.RedisScripts;
import dev.resilience.redis.RedisSharedStore;

/**
 * Auto-configuration of the state that the fleet shares in Redis: when a rate limiter is
 * configured with {@code store: redis} and the application has a Spring Data Redis (Lettuce)
 * connection, a {@link RedisSharedStore} on that connection, each decision bounded by
 * {@code resilience.redis.timeout}, its keys under {@code resilience.redis.key-prefix}. Without a
 * connection, {@code store: redis} fails start-up (see
 * {@link PropertiesConfigSource#validateStores(boolean)}).
 *
 * @since 0.2.0
 */
@AutoConfiguration(before = ResilienceAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(LettuceConnectionFactory.class)
@Conditional({ OnResilienceEnabledCondition.class, OnRedisStoreCondition.class })
@EnableConfigurationProperties(ResilienceProperties.class)
public final class ResilienceRedisAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBean(LettuceConnectionFactory.class)
	RedisScripts resilienceRedisScripts(LettuceConnectionFactory connectionFactory, ResilienceProperties properties) {
		return new RedisScripts(connectionFactory, properties.getRedis().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(SharedStore.class)
	@ConditionalOnBean(RedisScripts.class)
	RedisSharedStore resilienceSharedStore(RedisScripts scripts, ResilienceProperties properties,
			Environment environment) {
		String keyPrefix = properties.getRedis().getKeyPrefix();
		if (keyPrefix == null) {
			keyPrefix = "resilience:" + environment.getProperty("spring.application.name", "application") + ":";
		}
		return new RedisSharedStore(scripts, keyPrefix);
	}

}
