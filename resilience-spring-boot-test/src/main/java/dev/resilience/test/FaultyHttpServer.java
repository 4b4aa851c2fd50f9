package dev.resilience.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.resilience.core.Sleeper;

/**
 * An HTTP/1.1 server on the loopback interface whose answers a test scripts, faults included:
 * statuses with headers (a {@code Retry-After} in seconds or as a date), delays before the
 * headers, bodies trickled byte by byte, connections reset or closed without an answer, and
 * answers that are not HTTP. It records every request it receives, in the order they arrive.
 *
 * <p>Replies are taken from a queue, one per request ({@link #enqueue}), then, when the queue is
 * empty, from the default answer: {@code 200} with an empty body unless
 * {@link #answerByDefault} or {@link #answerWith} changed it. A request is recorded before it is
 * answered, so a client that got its answer (or its fault) finds the request in
 * {@link #requests()}.
 *
 * <p>Built on a plain {@link ServerSocket}, which, unlike the JDK's {@code HttpServer}, can reset
 * a connection or write what is not HTTP. Connections are kept alive between requests and closed
 * after {@link #IDLE_TIMEOUT} without one. At most {@value #MAX_CONNECTION_THREADS} connections
 * are served at once, each by a thread of its own; connections beyond that are accepted and wait,
 * oldest first, until a thread is free: meanwhile, a kept-alive connection that waits for its
 * next request is closed (as HTTP/1.1 allows between requests) to free its thread. Delays and
 * pauses are waited through the given {@link Sleeper}, real time by default, and {@link #close()}
 * interrupts them.
 *
 * <p>Thread-safe: a test may script and read it while clients call it from many threads.
 *
 * @since 0.3.0
 */
public final class FaultyHttpServer implements AutoCloseable {

	/** The most connections served at once. */
	public static final int MAX_CONNECTION_THREADS = 64;

	/** How long a kept-alive connection may stay without a request before the server closes it. */
	public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);

	private final ServerSocket serverSocket;

	private final Sleeper sleeper;

	private final ThreadPoolExecutor connections;

	private final Thread acceptor;

	private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connectionCount = new AtomicInteger();

	private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

	private volatile Function<RecordedRequest, Reply> defaultAnswer = (request) -> Reply.ok();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();

	private volatile boolean closed;

	private FaultyHttpServer(Sleeper sleeper) throws IOException {
		this.sleeper = sleeper;
		this.serverSocket = new ServerSocket();
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
		int port = this.serverSocket.getLocalPort();
		AtomicInteger threads = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_CONNECTION_THREADS, MAX_CONNECTION_THREADS, 1,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "faulty-http-" + port + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		this.connections = pool;
		this.acceptor = new Thread(this::accept, "faulty-http-" + port + "-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Starts a server on a free port of the loopback interface, whose delays pass in real time.
	 * @return the running server
	 * @throws UncheckedIOException if no port could be bound
	 */
	public static FaultyHttpServer start() {
		return start(Sleeper.system());
	}

	/**
	 * Starts a server on a free port of the loopback interface, whose delays and pauses between
	 * bytes are waited through the given sleeper: a test can record them instead of waiting.
	 * @param sleeper waits the delays and pauses
	 * @return the running server
	 * @throws UncheckedIOException if no port could be bound
	 */
	public static FaultyHttpServer start(Sleeper sleeper) {
		try {
			return new FaultyHttpServer(sleeper);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a faulty HTTP server", ex);
		}
	}

	/** Returns the port the server listens on. */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Returns the base URL of the server, such as {@code http://127.0.0.1:54321}, without a
	 * trailing slash.
	 * @return the base URL
	 */
	public String url() {
		String host = InetAddress.getLoopbackAddress().getHostAddress();
		return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
	}

	/**
	 * Returns the URL of a path on the server.
	 * @param path the path, with its query if any, such as {@code /stock?sku=42}
	 * @return the URL, such as {@code http://127.0.0.1:54321/stock?sku=42}
	 */
	public String url(String path) {
		return url() + (path.startsWith("/") ? path : "/" + path);
	}

	/**
	 * Returns the URI of a path on the server.
	 * @param path the path, with its query if any
	 * @return the URI
	 */
	public URI uri(String path) {
		return URI.create(url(path));
	}

	/**
	 * Adds replies to the end of the queue: each answers one request, in order, before the
	 * default answer applies again.
	 * @param replies the replies
	 * @return this server
	 */
	public FaultyHttpServer enqueue(Reply... replies) {
		this.script.addAll(Arrays.asList(replies));
		return this;
	}

	/**
	 * Adds the same reply to the end of the queue a number of times.
	 * @param times how many requests it answers
	 * @param reply the reply
	 * @return this server
	 */
	public FaultyHttpServer enqueue(int times, Reply reply) {
		for (int i = 0; i < times; i++) {
			this.script.add(reply);
		}
		return this;
	}

	/**
	 * Sets the reply to every request that finds the queue empty.
	 * @param reply the reply
	 * @return this server
	 */
	public FaultyHttpServer answerByDefault(Reply reply) {
		this.defaultAnswer = (request) -> reply;
		return this;
	}

	/**
	 * Sets how a request that finds the queue empty is answered, by what it asks: by path,
	 * method or header, for example.
	 * @param answer chooses the reply of a request; called on the server's threads, so it must
	 * be thread-safe
	 * @return this server
	 */
	public FaultyHttpServer answerWith(Function<RecordedRequest, Reply> answer) {
		this.defaultAnswer = answer;
		return this;
	}

	/** Returns the replies still queued. */
	public int queuedReplies() {
		return this.script.size();
	}

	/**
	 * Returns every request received since the start or the last {@link #reset()}, in the order
	 * they arrived.
	 * @return a copy of the requests
	 */
	public List<RecordedRequest> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	/** Returns how many requests arrived since the start or the last {@link #reset()}. */
	public int requestCount() {
		synchronized (this.requests) {
			return this.requests.size();
		}
	}

	/** Returns how many connections the server accepted since it started. */
	public int connectionCount() {
		return this.connectionCount.get();
	}

	/**
	 * Takes the oldest request not taken yet, waiting up to five seconds for one to arrive.
	 * @return the request
	 * @throws AssertionError if no request arrives in time
	 */
	public RecordedRequest takeRequest() {
		return takeRequest(TAKE_TIMEOUT);
	}

	/**
	 * Takes the oldest request not taken yet, waiting for one to arrive.
	 * @param timeout how long to wait
	 * @return the request
	 * @throws AssertionError if no request arrives in time, or the thread is interrupted
	 */
	public RecordedRequest takeRequest(Duration timeout) {
		try {
			RecordedRequest request = this.untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (request == null) {
				throw new AssertionError("No request arrived at " + url() + " within " + timeout + " ("
						+ requestCount() + " received, all taken)");
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for a request", ex);
		}
	}

	/**
	 * Clears the queue of replies and the requests received, and answers {@code 200} with an
	 * empty body by default again. Connections stay open.
	 */
	public void reset() {
		this.script.clear();
		this.defaultAnswer = (request) -> Reply.ok();
		synchronized (this.requests) {
			this.requests.clear();
			this.untaken.clear();
		}
	}

	/**
	 * Stops the server: closes the listening socket and every connection, and interrupts the
	 * delays under way. Waits up to five seconds for the connection threads to end.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.serverSocket.close();
		}
		catch (IOException ignored) {
			// closing anyway
		}
		this.openSockets.forEach(FaultyHttpServer::closeQuietly);
		this.connections.shutdownNow();
		try {
			this.connections.awaitTermination(5, TimeUnit.SECONDS);
			this.acceptor.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "FaultyHttpServer " + url();
	}

	/** Records a request and returns the reply it gets. */
	Reply record(RecordedRequest request) {
		synchronized (this.requests) {
			this.requests.add(request);
			this.untaken.add(request);
		}
		Reply scripted = this.script.poll();
		return (scripted != null) ? scripted : this.defaultAnswer.apply(request);
	}

	/** Whether accepted connections wait for a thread to serve them. */
	boolean connectionsWaiting() {
		return !this.connections.getQueue().isEmpty();
	}

	/** A connection ended. */
	void closed(Socket socket) {
		this.openSockets.remove(socket);
	}

	private void accept() {
		while (!this.closed) {
			Socket socket;
			try {
				socket = this.serverSocket.accept();
			}
			catch (SocketException ex) {
				return;
			}
			catch (IOException ex) {
				continue;
			}
			this.openSockets.add(socket);
			if (this.closed) {
				closeQuietly(socket);
				return;
			}
			int number = this.connectionCount.incrementAndGet();
			try {
				this.connections.execute(new FaultyConnection(socket, number, this, this.sleeper));
			}
			catch (RuntimeException ex) {
				this.openSockets.remove(socket);
				closeQuietly(socket);
			}
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// closed already
		}
	}

}
