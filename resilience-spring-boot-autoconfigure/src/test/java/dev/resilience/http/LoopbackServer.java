package dev.resilience.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server on a loopback port whose answers a test scripts request by request, and
 * which records every request it saw.
 */
public final class LoopbackServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	private final Object arrivals = new Object();

	private volatile Function<Integer, Answer> script = (n) -> Answer.status(200);

	public LoopbackServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Starts a server on a free loopback port. */
	public static LoopbackServer start() {
		try {
			return new LoopbackServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sets the answer to the n-th request, 1-based. */
	public LoopbackServer answering(Function<Integer, Answer> script) {
		this.script = script;
		return this;
	}

	public String url(String path) {
		return "http://localhost:" + port() + path;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public List<Seen> requests() {
		return List.copyOf(this.seen);
	}

	/**
	 * Waits until the server has seen at least that many requests, for at most ten seconds: a
	 * client that gave up waiting for an answer may be faster than the server's handler.
	 * @param count the number of requests to wait for
	 * @return the requests seen so far
	 */
	public List<Seen> awaitRequests(int count) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		synchronized (this.arrivals) {
			for (long left = end - System.nanoTime(); this.seen.size() < count && left > 0; left = end
					- System.nanoTime()) {
				TimeUnit.NANOSECONDS.timedWait(this.arrivals, left);
			}
		}
		return requests();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		this.seen.add(new Seen(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()),
				new String(body, StandardCharsets.UTF_8)));
		synchronized (this.arrivals) {
			this.arrivals.notifyAll();
		}
		Answer answer = this.script.apply(this.seen.size());
		if (answer.hang()) {
			try {
				this.closing.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
		try (OutputStream stream = exchange.getResponseBody()) {
			stream.write(out);
		}
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	public record Seen(String method, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name)) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

	}

	public record Answer(int status, Map<String, String> headers, String body, boolean hang) {

		public static Answer status(int status) {
			return new Answer(status, Map.of(), "status " + status, false);
		}

		public static Answer status(int status, String header, String value) {
			return new Answer(status, Map.of(header, value), "status " + status, false);
		}

		public static Answer never() {
			return new Answer(0, Map.of(), "", true);
		}

	}

}
