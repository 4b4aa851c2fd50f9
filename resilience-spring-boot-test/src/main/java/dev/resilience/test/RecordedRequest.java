package dev.resilience.test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One request a {@link FaultyHttpServer} received: its method, target, headers and body, as they
 * came over the wire. Header names are compared ignoring case.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.3.0
 */
public final class RecordedRequest {

	private final String method;

	private final String target;

	private final Map<String, List<String>> headers;

	private final byte[] body;

	private final int connection;

	RecordedRequest(String method, String target, Map<String, List<String>> headers, byte[] body, int connection) {
		this.method = method;
		this.target = target;
		TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(copy);
		this.body = body;
		this.connection = connection;
	}

	/** Returns the method, such as {@code GET}. */
	public String method() {
		return this.method;
	}

	/** Returns the request target as sent: the path with its query, such as {@code /stock?sku=42}. */
	public String target() {
		return this.target;
	}

	/** Returns the path without the query, such as {@code /stock}. */
	public String path() {
		int query = this.target.indexOf('?');
		return (query < 0) ? this.target : this.target.substring(0, query);
	}

	/** Returns the query without the {@code ?}, or {@code null} when there is none. */
	public @Nullable String query() {
		int query = this.target.indexOf('?');
		return (query < 0) ? null : this.target.substring(query + 1);
	}

	/**
	 * Returns the first value of a header, such as {@code Idempotency-Key} or
	 * {@code X-Request-Timeout}.
	 * @param name the header's name, in any case
	 * @return its first value, or {@code null} when the request did not have it
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null) ? values.get(0) : null;
	}

	/**
	 * Returns every value of a header, in the order sent.
	 * @param name the header's name, in any case
	 * @return its values, empty when the request did not have it
	 */
	public List<String> headers(String name) {
		return this.headers.getOrDefault(name, List.of());
	}

	/** Returns the names of the headers, ordered ignoring case. */
	public Set<String> headerNames() {
		return this.headers.keySet();
	}

	/** Returns a copy of the body, empty when there was none. */
	public byte[] body() {
		return this.body.clone();
	}

	/** Returns the body decoded as UTF-8. */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Returns the number of the connection the request came on, counted from 1 in the order the
	 * server accepted them: requests on one kept-alive connection share it.
	 * @return the connection's number
	 */
	public int connection() {
		return this.connection;
	}

	@Override
	public String toString() {
		return this.method + " " + this.target;
	}

}
