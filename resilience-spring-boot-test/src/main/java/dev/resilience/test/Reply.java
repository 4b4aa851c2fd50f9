package dev.resilience.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link FaultyHttpServer} answers to one request: a status with headers and a body, or a
 * fault of the connection (a reset, a close without an answer, a malformed answer); either may
 * come after a delay, and a body may be trickled byte by byte.
 *
 * <p>Immutable and thread-safe: each method that changes something returns a new reply.
 *
 * @since 0.3.0
 */
public final class Reply {

	/** IMF-fixdate of RFC 9110: a two-digit day, unlike RFC 1123 as {@link DateTimeFormatter} has it. */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final Kind kind;

	private final int status;

	private final List<Map.Entry<String, String>> headers;

	private final byte[] body;

	private final Duration delay;

	private final Duration pauseBetweenBytes;

	private Reply(Kind kind, int status, List<Map.Entry<String, String>> headers, byte[] body, Duration delay,
			Duration pauseBetweenBytes) {
		this.kind = kind;
		this.status = status;
		this.headers = List.copyOf(headers);
		this.body = body;
		this.delay = delay;
		this.pauseBetweenBytes = pauseBetweenBytes;
	}

	/**
	 * Returns a reply with the given status, no header of its own and an empty body.
	 * @param status the status code, from 100 to 999
	 * @return the reply
	 */
	public static Reply status(int status) {
		if (status < 100 || status > 999) {
			throw new IllegalArgumentException("A status code has three digits, not " + status);
		}
		return new Reply(Kind.ANSWER, status, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Returns a reply {@code 200 OK} with an empty body, the default answer of a server.
	 * @return the reply
	 */
	public static Reply ok() {
		return status(200);
	}

	/**
	 * Returns a reply {@code 200 OK} with the given body.
	 * @param body the body, sent in UTF-8
	 * @return the reply
	 */
	public static Reply ok(String body) {
		return status(200).body(body);
	}

	/**
	 * Returns a reply that resets the connection (a TCP RST) instead of answering: the client
	 * sees the connection reset by its peer. The JDK's {@code HttpClient} (and so a
	 * {@code RestClient} on it) sends an idempotent request such as a GET once more on a new
	 * connection when its connection ends before any answer: script the fault twice, or as the
	 * default answer, for the caller to see it.
	 * @return the reply
	 */
	public static Reply connectionReset() {
		return new Reply(Kind.RESET, 0, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Returns a reply that closes the connection cleanly (a TCP FIN) without writing anything: the
	 * client sees the connection closed before any answer. The JDK's {@code HttpClient} sends a
	 * GET once more when this happens, as after {@link #connectionReset()}.
	 * @return the reply
	 */
	public static Reply connectionClosed() {
		return new Reply(Kind.CLOSE, 0, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Returns a reply whose status line is not HTTP, after which the connection is closed: the
	 * client fails to parse the answer.
	 * @return the reply
	 */
	public static Reply malformed() {
		return new Reply(Kind.MALFORMED, 0, List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Returns this reply with one more header; a header given twice is sent twice. A
	 * {@code Content-Length} given here replaces the one computed from the body.
	 * @param name the header's name
	 * @param value its value
	 * @return a new reply
	 */
	public Reply header(String name, String value) {
		requireAnswer("a header");
		if (name.isEmpty() || name.chars().anyMatch((c) -> c <= ' ' || c == ':' || c > '~')) {
			throw new IllegalArgumentException("Not a header name: '" + name + "'");
		}
		if (value.chars().anyMatch((c) -> c == '\r' || c == '\n')) {
			throw new IllegalArgumentException("A header value is one line, not '" + value + "'");
		}
		List<Map.Entry<String, String>> headers = new ArrayList<>(this.headers);
		headers.add(Map.entry(name, value));
		return new Reply(this.kind, this.status, headers, this.body, this.delay, this.pauseBetweenBytes);
	}

	/**
	 * Returns this reply with a {@code Retry-After} header in whole seconds, rounded up.
	 * @param delay the time the client is asked to wait
	 * @return a new reply
	 */
	public Reply retryAfter(Duration delay) {
		long seconds = delay.getSeconds() + ((delay.getNano() > 0) ? 1 : 0);
		return header("Retry-After", Long.toString(Math.max(0, seconds)));
	}

	/**
	 * Returns this reply with a {@code Retry-After} header as an HTTP date, such as
	 * {@code Wed, 21 Oct 2015 07:28:00 GMT}.
	 * @param time the time from which the client may retry
	 * @return a new reply
	 */
	public Reply retryAfter(Instant time) {
		return header("Retry-After", httpDate(time));
	}

	/**
	 * Returns this reply with the given body.
	 * @param body the body, sent in UTF-8
	 * @return a new reply
	 */
	public Reply body(String body) {
		return body(body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns this reply with the given body.
	 * @param body the body's bytes, copied
	 * @return a new reply
	 */
	public Reply body(byte[] body) {
		requireAnswer("a body");
		return new Reply(this.kind, this.status, this.headers, body.clone(), this.delay, this.pauseBetweenBytes);
	}

	/**
	 * Returns this reply sent after a delay: nothing is written (for a fault, nothing is done)
	 * until it has passed, so a client with a shorter read timeout gives up first.
	 * @param delay the time between the end of the request and the first byte of the answer
	 * @return a new reply
	 */
	public Reply delayedBy(Duration delay) {
		requireNotNegative(delay, "delay");
		return new Reply(this.kind, this.status, this.headers, this.body, delay, this.pauseBetweenBytes);
	}

	/**
	 * Returns this reply with its body sent one byte at a time, flushed, with a pause between
	 * two bytes; the headers go at once.
	 * @param pause the pause between two bytes of the body
	 * @return a new reply
	 */
	public Reply trickled(Duration pause) {
		requireAnswer("a trickled body");
		requireNotNegative(pause, "pause");
		return new Reply(this.kind, this.status, this.headers, this.body, this.delay, pause);
	}

	/**
	 * Formats a time as an HTTP date, as {@code Retry-After} and {@code Date} take it.
	 * @param time the time
	 * @return such as {@code Wed, 21 Oct 2015 07:28:00 GMT}
	 */
	public static String httpDate(Instant time) {
		return HTTP_DATE.format(time);
	}

	Kind kind() {
		return this.kind;
	}

	int statusCode() {
		return this.status;
	}

	List<Map.Entry<String, String>> headers() {
		return this.headers;
	}

	byte[] bodyBytes() {
		return this.body;
	}

	Duration delay() {
		return this.delay;
	}

	Duration pauseBetweenBytes() {
		return this.pauseBetweenBytes;
	}

	@Override
	public String toString() {
		String what = switch (this.kind) {
			case ANSWER -> this.status + " with " + this.body.length + " bytes of body"
					+ (this.pauseBetweenBytes.isZero() ? "" : " trickled every " + this.pauseBetweenBytes);
			case RESET -> "connection reset";
			case CLOSE -> "connection closed";
			case MALFORMED -> "malformed answer";
		};
		return this.delay.isZero() ? what : what + " after " + this.delay;
	}

	private void requireAnswer(String what) {
		if (this.kind != Kind.ANSWER) {
			throw new IllegalStateException("A reply '" + this + "' has no status, so it cannot have " + what);
		}
	}

	private static void requireNotNegative(Duration duration, String what) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("The " + what + " must not be negative, not " + duration);
		}
	}

	/**
	 * What the server does with the connection.
	 */
	enum Kind {

		ANSWER, RESET, CLOSE, MALFORMED

	}

}
