package dev.resilience.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

/**
 * A real Redis server for tests, the binary that embedded-redis ships, on a free port of
 * 127.0.0.1 and without persistence, so that a restart starts empty (as after a fail-over, with
 * an empty script cache). Can stop and start again on the same port; {@link #close()} stops it
 * and closes the connection factories it made.
 *
 * <p>The factories keep Lettuce's defaults (commands wait in a buffer while disconnected, a
 * command timeout of 60 seconds), as an application's factory does, but try to reconnect every
 * 50 milliseconds, so that tests of a restart take no longer than that.
 */
final class EmbeddedRedis implements AutoCloseable {

	private final int port;

	private final RedisServer server;

	private final ClientResources resources = DefaultClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(50)))
		.build();

	private final List<LettuceConnectionFactory> factories = new CopyOnWriteArrayList<>();

	private final StringRedisTemplate admin;

	private EmbeddedRedis(int port) throws IOException {
		this.port = port;
		this.server = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		this.server.start();
		this.admin = new StringRedisTemplate(connect());
	}

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	static EmbeddedRedis start() {
		try (ServerSocket socket = new ServerSocket(0)) {
			int port = socket.getLocalPort();
			socket.close();
			return new EmbeddedRedis(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	/** Stops the server; connected clients see their connections closed. */
	void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the server again on the same port, empty. */
	void restart() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a new connection factory on this server, started, with its shared connection open.
	 * @return the factory, closed by {@link #close()}
	 */
	LettuceConnectionFactory connect() {
		return factory(true);
	}

	/**
	 * Returns a new connection factory on this server, started, that opens its connection when
	 * first asked for one.
	 * @return the factory, closed by {@link #close()}
	 */
	LettuceConnectionFactory unconnected() {
		return factory(false);
	}

	private LettuceConnectionFactory factory(boolean eager) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.port),
				LettuceClientConfiguration.builder().clientResources(this.resources).build());
		factory.setEagerInitialization(eager);
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return factory;
	}

	/**
	 * Returns a template of its own connection, to look at the keys and to send commands such as
	 * {@code DEBUG SLEEP}.
	 * @return the template
	 */
	StringRedisTemplate admin() {
		return this.admin;
	}

	@Override
	public void close() {
		for (LettuceConnectionFactory factory : this.factories) {
			factory.destroy();
		}
		this.resources.shutdown(0, 1, TimeUnit.SECONDS);
		stop();
	}

}
