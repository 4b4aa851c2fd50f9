package dev.resilience.sample.shop.fleet;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code shop.fleet.start-redis=true} (the {@code fleet} profile), the instance starts the
 * fleet's Redis server on {@code spring.data.redis.port} unless one answers there already.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("shop.fleet.start-redis")
class FleetConfiguration {

	@Bean(destroyMethod = "close")
	FleetRedisServer fleetRedisServer(DataRedisProperties redis) {
		return FleetRedisServer.startUnlessRunning(redis.getPort());
	}

	/**
	 * Changes nothing, but Boot applies every such customizer when it builds the Redis connection
	 * factory: asking for the server here makes it run before anything connects.
	 */
	@Bean
	LettuceClientConfigurationBuilderCustomizer connectOnceTheFleetRedisRuns(FleetRedisServer server) {
		return (builder) -> {
		};
	}

}
