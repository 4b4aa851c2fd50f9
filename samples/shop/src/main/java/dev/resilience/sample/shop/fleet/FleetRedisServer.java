package dev.resilience.sample.shop.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * The Redis server of a fleet of shops on one machine: the first instance starts the server that
 * embedded-redis ships, on the port every instance connects to; the next ones find it answering
 * and use it. Stopped with the instance that started it (the others then decide locally until a
 * Redis answers again). Keeps nothing on disk.
 */
final class FleetRedisServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(FleetRedisServer.class);

	private static final int CONNECT_TIMEOUT_MILLIS = 200;

	private final @Nullable RedisServer server;

	private FleetRedisServer(@Nullable RedisServer server) {
		this.server = server;
	}

	/**
	 * Starts a Redis server on {@code 127.0.0.1:port}, unless a server answers there already.
	 * @param port the port of the fleet's Redis
	 * @return the server, which stops it when closed if it started it
	 */
	static FleetRedisServer startUnlessRunning(int port) {
		if (answers(port)) {
			logger.info("Sharing the Redis server of the fleet on port " + port);
			return new FleetRedisServer(null);
		}
		RedisServer server;
		try {
			server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
		}
		catch (IOException | RuntimeException ex) {
			if (answers(port)) {
				logger.info("Sharing the Redis server of the fleet on port " + port + ", started by another instance");
			}
			else {
				logger.warn("Could not start a Redis server on port " + port
						+ ": this instance decides locally until one answers there", ex);
			}
			return new FleetRedisServer(null);
		}
		logger.info("Started the Redis server of the fleet on port " + port);
		return new FleetRedisServer(server);
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.stop();
			logger.info("Stopped the Redis server of the fleet");
		}
	}

}
