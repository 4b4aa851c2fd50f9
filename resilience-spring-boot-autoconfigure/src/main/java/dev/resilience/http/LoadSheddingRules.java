package dev.resilience.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What the servlet and the WebFlux load-shedding filters share: the paths never shed, and the
 * answer a shed request gets, a {@code Retry-After} in whole seconds and a problem-detail body
 * that names the limit and nothing of the request. Both are computed once.
 *
 * <p>Immutable and thread-safe.
 */
final class LoadSheddingRules {

	private final List<PathPattern> exclude;

	private final String retryAfter;

	private final byte[] body;

	/**
	 * Creates the rules.
	 * @param limitName the name of the concurrency limit requests pass
	 * @param exclude path patterns never shed
	 * @param retryAfter the time a shed client should wait before trying again
	 * @throws org.springframework.web.util.pattern.PatternParseException if a pattern is malformed
	 */
	LoadSheddingRules(String limitName, List<String> exclude, Duration retryAfter) {
		this.exclude = exclude.stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.retryAfter = Long.toString(retryAfterSeconds(retryAfter));
		this.body = problemDetail(limitName).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Whether any path is excluded; when none is, no path needs to be parsed.
	 * @return true if some requests are never shed
	 */
	boolean excludesAny() {
		return !this.exclude.isEmpty();
	}

	/**
	 * Whether a request to the given path is never shed.
	 * @param pathWithinApplication the request's path, without the context path
	 * @return true if an exclude pattern matches it
	 */
	boolean isExcluded(PathContainer pathWithinApplication) {
		for (PathPattern pattern : this.exclude) {
			if (pattern.matches(pathWithinApplication)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the value of the {@code Retry-After} header of a shed request.
	 * @return whole seconds, at least 1
	 */
	String retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Returns the problem-detail body of a shed request, shared: never modify it.
	 * @return the UTF-8 encoded JSON
	 */
	byte[] body() {
		return this.body;
	}

	/**
	 * Returns the {@code Retry-After} seconds of a duration: rounded up, since a client that
	 * comes back early is shed again, and at least 1, since 0 invites an immediate retry.
	 * @param retryAfter the duration
	 * @return the whole seconds
	 */
	static long retryAfterSeconds(Duration retryAfter) {
		long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	private static String problemDetail(String limitName) {
		String detail = "The service is at capacity: concurrency limit '" + limitName
				+ "' has no free slot. Try again later.";
		return "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\""
				+ jsonEscaped(detail) + "\"}";
	}

	private static String jsonEscaped(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
