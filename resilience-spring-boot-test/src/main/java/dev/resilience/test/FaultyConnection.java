package dev.resilience.test;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.resilience.core.Sleeper;
import dev.resilience.test.HttpRequestReader.MalformedRequestException;

/**
 * Serves one accepted connection of a {@link FaultyHttpServer}: reads requests one after another
 * (HTTP/1.1 keep-alive), records each, and acts out the reply the server chooses for it, until
 * the client closes the connection, a reply ends it, or it stays idle too long.
 *
 * <p>Not thread-safe: runs on one thread of the server.
 */
final class FaultyConnection implements Runnable {

	private static final byte[] CRLF = { '\r', '\n' };

	/** How often a connection waiting for its next request looks whether others wait for a thread. */
	private static final int IDLE_CHECK_MILLIS = 50;

	private static final byte[] NOT_HTTP = "NOT-HTTP 999 garbage\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final Socket socket;

	private final int number;

	private final FaultyHttpServer server;

	private final Sleeper sleeper;

	FaultyConnection(Socket socket, int number, FaultyHttpServer server, Sleeper sleeper) {
		this.socket = socket;
		this.number = number;
		this.server = server;
		this.sleeper = sleeper;
	}

	@Override
	public void run() {
		try (Socket socket = this.socket) {
			socket.setTcpNoDelay(true);
			BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
			HttpRequestReader reader = new HttpRequestReader(in);
			OutputStream out = new BufferedOutputStream(socket.getOutputStream());
			while (awaitRequest(in) && serveOne(reader, out)) {
				// next request on the same connection
			}
		}
		catch (SocketTimeoutException | SocketException ex) {
			// idle too long, closed by the client, or by the server's close(): nothing to answer
		}
		catch (IOException ex) {
			// the client went away in the middle of a request
		}
		catch (InterruptedException ex) {
			// the server is closing
			Thread.currentThread().interrupt();
		}
		finally {
			this.server.closed(this.socket);
		}
	}

	/**
	 * Waits for the first byte of the next request. Gives the connection up, between two
	 * requests, after {@link FaultyHttpServer#IDLE_TIMEOUT}, or at once when other connections wait
	 * for a thread, so that a client's idle kept-alive connections never hold them off.
	 * @return true if a request is coming, false if the connection is to be closed
	 */
	private boolean awaitRequest(BufferedInputStream in) throws IOException {
		long idleMillis = 0;
		this.socket.setSoTimeout(IDLE_CHECK_MILLIS);
		for (;;) {
			try {
				in.mark(1);
				int first = in.read();
				if (first < 0) {
					return false;
				}
				in.reset();
				this.socket.setSoTimeout((int) FaultyHttpServer.IDLE_TIMEOUT.toMillis());
				return true;
			}
			catch (SocketTimeoutException ex) {
				idleMillis += IDLE_CHECK_MILLIS;
				if (this.server.connectionsWaiting() || idleMillis >= FaultyHttpServer.IDLE_TIMEOUT.toMillis()) {
					return false;
				}
			}
		}
	}

	/** Serves one request; returns whether the connection stays open for the next. */
	private boolean serveOne(HttpRequestReader reader, OutputStream out) throws IOException, InterruptedException {
		RecordedRequest request;
		try {
			request = reader.read(this.number);
		}
		catch (MalformedRequestException ex) {
			answerBadRequest(ex, out);
			return false;
		}
		if (request == null) {
			return false;
		}
		Reply reply = this.server.record(request);
		sleep(reply.delay());
		switch (reply.kind()) {
			case RESET -> {
				this.socket.setSoLinger(true, 0);
				this.socket.close();
				return false;
			}
			case CLOSE -> {
				this.socket.close();
				return false;
			}
			case MALFORMED -> {
				out.write(NOT_HTTP);
				out.flush();
				return false;
			}
			default -> {
				boolean keepAlive = !"close".equalsIgnoreCase(request.header("Connection"));
				answer(reply, request, keepAlive, out);
				return keepAlive;
			}
		}
	}

	private void answer(Reply reply, RecordedRequest request, boolean keepAlive, OutputStream out)
			throws IOException, InterruptedException {
		int status = reply.statusCode();
		boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
		byte[] body = bodyAllowed && !"HEAD".equals(request.method()) ? reply.bodyBytes() : new byte[0];
		StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
			.append("\r\n");
		boolean lengthGiven = false;
		for (Map.Entry<String, String> header : reply.headers()) {
			lengthGiven |= header.getKey().equalsIgnoreCase("Content-Length");
			head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
		}
		if (!lengthGiven && bodyAllowed) {
			head.append("Content-Length: ").append(reply.bodyBytes().length).append("\r\n");
		}
		if (!keepAlive) {
			head.append("Connection: close\r\n");
		}
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(CRLF);
		out.flush();
		Duration pause = reply.pauseBetweenBytes();
		if (pause.isZero()) {
			out.write(body);
			out.flush();
			return;
		}
		for (int i = 0; i < body.length; i++) {
			if (i > 0) {
				sleep(pause);
			}
			out.write(body[i]);
			out.flush();
		}
	}

	private static void answerBadRequest(MalformedRequestException ex, OutputStream out) throws IOException {
		byte[] body = String.valueOf(ex.getMessage()).getBytes(StandardCharsets.UTF_8);
		out.write(("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		out.write(body);
		out.flush();
	}

	private void sleep(Duration duration) throws InterruptedException {
		if (!duration.isZero()) {
			this.sleeper.sleep(duration.toNanos());
		}
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 201 -> "Created";
			case 202 -> "Accepted";
			case 204 -> "No Content";
			case 301 -> "Moved Permanently";
			case 302 -> "Found";
			case 304 -> "Not Modified";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 408 -> "Request Timeout";
			case 409 -> "Conflict";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "Unknown";
		};
	}

}
