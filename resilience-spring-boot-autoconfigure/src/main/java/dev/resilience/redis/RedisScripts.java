package dev.resilience.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.resilience.core.Clock;

/**
 * Runs the starter's Lua scripts on the application's own Redis connection, each run bounded by a
 * timeout: whatever happens to Redis (down, slow, restarted, unreachable), a run returns or fails
 * within the timeout, and never changes the application's connection settings.
 *
 * <p>Uses the connection the {@link LettuceConnectionFactory} shares (or one dedicated connection
 * when it shares none) through Lettuce's asynchronous API, and waits for each reply with a
 * timed {@link Future#get}, cancelling a command that is not answered in time. The connection is
 * opened at construction, waiting at most {@value #STARTUP_WAIT_SECONDS} seconds, so that the
 * first decisions do not pay for it; a Redis that does not answer by then is no failure, and a
 * connection that is lost or never made is opened again, on a thread of its own, by the next run
 * that needs it. Each script is loaded into Redis's script cache ({@code SCRIPT LOAD}) when it is
 * registered and whenever a connection is opened, and run with {@code EVALSHA}, one round trip;
 * after Redis lost its cache (a restart, a fail-over, {@code SCRIPT FLUSH}) the first run of a
 * script gets {@code NOSCRIPT} and sends it with {@code EVAL}, which also caches it again.
 *
 * <p>A run cut off by the timeout may still be carried out by Redis later, when the command had
 * already been sent.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class RedisScripts implements AutoCloseable {

	/** The default bound of one run, 50 milliseconds. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);

	static final int STARTUP_WAIT_SECONDS = 2;

	private static final Log logger = LogFactory.getLog(RedisScripts.class);

	private final LettuceConnectionFactory connectionFactory;

	private final Duration timeout;

	private final long timeoutNanos;

	/** Real time, whatever clock the limits run on: the timeout is a promise about real waits. */
	private final Clock clock = Clock.system();

	private final Set<LuaScript> scripts = ConcurrentHashMap.newKeySet();

	/** The connection, opened or being opened; {@code null} until one is needed again. */
	private final AtomicReference<@Nullable CompletableFuture<Session>> session = new AtomicReference<>();

	/** A connection given up on, closed by the thread that opens the next one. */
	private final AtomicReference<@Nullable Session> stale = new AtomicReference<>();

	private volatile boolean closed;

	/**
	 * Creates the runner with {@link #DEFAULT_TIMEOUT}, and opens the connection.
	 * @param connectionFactory the application's connection factory
	 */
	public RedisScripts(LettuceConnectionFactory connectionFactory) {
		this(connectionFactory, DEFAULT_TIMEOUT);
	}

	/**
	 * Creates the runner, and opens the connection, waiting at most
	 * {@value #STARTUP_WAIT_SECONDS} seconds for it.
	 * @param connectionFactory the application's connection factory
	 * @param timeout the longest time one run takes, positive
	 */
	public RedisScripts(LettuceConnectionFactory connectionFactory, Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The Redis timeout must be positive, not " + timeout);
		}
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
		this.timeoutNanos = timeout.toNanos();
		awaitStartup(session());
	}

	/** Returns the longest time one run takes. */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Registers a script: loads it into Redis's script cache now if the connection is open, and
	 * whenever a connection is opened.
	 * @param script the script
	 */
	void load(LuaScript script) {
		if (this.scripts.add(script)) {
			CompletableFuture<Session> current = this.session.get();
			if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
				current.join().load(script);
			}
		}
	}

	/**
	 * Runs a script that returns an integer, waiting at most the timeout for the connection and
	 * the answer together.
	 * @param script the script
	 * @param key the one key it reads and writes
	 * @param args its arguments
	 * @return what the script returned
	 * @throws RedisUnavailableException if there is no connection, no answer within the timeout,
	 * or an error; also when the thread is interrupted while waiting, whose interrupt status is
	 * then set again
	 */
	long run(LuaScript script, byte[] key, byte[]... args) throws RedisUnavailableException {
		long end = this.clock.nanoTime() + this.timeoutNanos;
		if (this.closed) {
			throw new RedisUnavailableException("Redis scripts are closed", new IllegalStateException("closed"));
		}
		CompletableFuture<Session> opening = session();
		Session session = awaitSession(opening, end);
		byte[][] keys = { key };
		try {
			try {
				return await(session.commands.<Long>evalsha(script.sha1(), ScriptOutputType.INTEGER, keys, args), end);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof RedisNoScriptException)) {
					throw ex;
				}
				return await(session.commands.<Long>eval(script.text(), ScriptOutputType.INTEGER, keys, args), end);
			}
		}
		catch (ExecutionException | RuntimeException ex) {
			// a closed or replaced connection answers every command with a failure: open another
			forget(opening);
			Throwable failure = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			throw new RedisUnavailableException("Redis failed to run " + script, failure);
		}
	}

	private <T> T await(Future<T> reply, long end) throws ExecutionException, RedisUnavailableException {
		try {
			return reply.get(remaining(end), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			// a command still waiting to be written is never sent
			reply.cancel(true);
			throw new RedisUnavailableException("Redis did not answer within " + this.timeout.toMillis() + "ms", ex);
		}
		catch (InterruptedException ex) {
			reply.cancel(true);
			Thread.currentThread().interrupt();
			throw new RedisUnavailableException("Interrupted while waiting for Redis", ex);
		}
	}

	private Session awaitSession(CompletableFuture<Session> opening, long end) throws RedisUnavailableException {
		try {
			return opening.get(remaining(end), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new RedisUnavailableException("No connection to Redis within " + this.timeout.toMillis() + "ms", ex);
		}
		catch (ExecutionException ex) {
			forget(opening);
			throw new RedisUnavailableException("No connection to Redis",
					(ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisUnavailableException("Interrupted while waiting for a connection to Redis", ex);
		}
	}

	private long remaining(long end) {
		return Math.max(0, end - this.clock.nanoTime());
	}

	/** Returns the connection, opened or being opened; starts opening one when there is none. */
	private CompletableFuture<Session> session() {
		while (true) {
			CompletableFuture<Session> current = this.session.get();
			if (current != null) {
				return current;
			}
			CompletableFuture<Session> opening = new CompletableFuture<>();
			if (this.session.compareAndSet(null, opening)) {
				// on a thread of its own: opening a connection may take the factory's connect
				// timeout, far longer than a run may wait
				Thread thread = new Thread(() -> open(opening), "resilience-redis-connect");
				thread.setDaemon(true);
				thread.start();
				return opening;
			}
		}
	}

	private void open(CompletableFuture<Session> opening) {
		close(this.stale.getAndSet(null));
		try {
			RedisConnection connection = this.connectionFactory.getConnection();
			if (!(connection instanceof LettuceConnection lettuce)) {
				connection.close();
				throw new IllegalStateException("Not a Lettuce connection: " + connection.getClass().getName());
			}
			Session session = new Session(connection, lettuce.getNativeConnection());
			// sent before any run can use the connection, so Redis has them before its first EVALSHA
			for (LuaScript script : this.scripts) {
				session.load(script);
			}
			opening.complete(session);
			if (this.closed) {
				close(session);
			}
		}
		catch (RuntimeException ex) {
			opening.completeExceptionally(ex);
		}
	}

	private void forget(CompletableFuture<Session> opening) {
		if (this.session.compareAndSet(opening, null) && opening.isDone() && !opening.isCompletedExceptionally()) {
			close(this.stale.getAndSet(opening.join()));
		}
	}

	private void awaitStartup(CompletableFuture<Session> opening) {
		try {
			opening.get(STARTUP_WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			logger.warn("No connection to Redis at start-up (" + cause.getClass().getSimpleName()
					+ "): limits kept in Redis decide locally until it answers");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Closes the connection; later runs fail at once. */
	@Override
	public void close() {
		this.closed = true;
		CompletableFuture<Session> current = this.session.getAndSet(null);
		if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
			close(current.join());
		}
		close(this.stale.getAndSet(null));
	}

	private static void close(@Nullable Session session) {
		if (session != null) {
			try {
				// the connection the factory shares stays open; a dedicated one is given back
				session.connection.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Failed to close a connection to Redis", ex);
			}
		}
	}

	/**
	 * A connection of the factory and its asynchronous commands.
	 */
	private static final class Session {

		final RedisConnection connection;

		final RedisClusterAsyncCommands<byte[], byte[]> commands;

		Session(RedisConnection connection, RedisClusterAsyncCommands<byte[], byte[]> commands) {
			this.connection = connection;
			this.commands = commands;
		}

		void load(LuaScript script) {
			try {
				this.commands.scriptLoad(script.text());
			}
			catch (RuntimeException ex) {
				// a run that finds the script missing sends it with EVAL
				logger.debug("Failed to load " + script + " into Redis", ex);
			}
		}

	}

}
