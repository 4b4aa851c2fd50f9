package dev.resilience.test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Reads HTTP/1.1 requests from one connection's input: the request line, the headers and a body
 * of a {@code Content-Length} or in chunks. Lines are at most {@value #MAX_LINE} bytes, bodies at
 * most {@value #MAX_BODY} bytes.
 *
 * <p>Not thread-safe: one reader belongs to one connection.
 */
final class HttpRequestReader {

	static final int MAX_LINE = 64 * 1024;

	static final int MAX_BODY = 16 * 1024 * 1024;

	private final InputStream in;

	HttpRequestReader(InputStream in) {
		this.in = in;
	}

	/**
	 * Reads the next request.
	 * @param connection the number of the connection, recorded with the request
	 * @return the request, or {@code null} when the client closed the connection between requests
	 * @throws MalformedRequestException if what came is not an HTTP/1.x request
	 * @throws IOException if reading fails
	 */
	@Nullable RecordedRequest read(int connection) throws IOException {
		String requestLine = readLine(true);
		while (requestLine != null && requestLine.isEmpty()) {
			// a stray CRLF between requests is allowed before a request line
			requestLine = readLine(true);
		}
		if (requestLine == null) {
			return null;
		}
		String[] parts = requestLine.split(" ");
		if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
			throw new MalformedRequestException("Not an HTTP/1.x request line: '" + requestLine + "'");
		}
		Map<String, List<String>> headers = readHeaders();
		byte[] body = readBody(headers);
		return new RecordedRequest(parts[0], parts[1], headers, body, connection);
	}

	private Map<String, List<String>> readHeaders() throws IOException {
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String line = requiredLine(); !line.isEmpty(); line = requiredLine()) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new MalformedRequestException("Not a header: '" + line + "'");
			}
			headers.computeIfAbsent(line.substring(0, colon).trim(), (name) -> new ArrayList<>())
				.add(line.substring(colon + 1).trim());
		}
		return headers;
	}

	private byte[] readBody(Map<String, List<String>> headers) throws IOException {
		List<String> encoding = headers.get("Transfer-Encoding");
		if (encoding != null && encoding.get(encoding.size() - 1).toLowerCase(Locale.ROOT).endsWith("chunked")) {
			return readChunks();
		}
		List<String> length = headers.get("Content-Length");
		if (length == null) {
			return new byte[0];
		}
		long bytes;
		try {
			bytes = Long.parseLong(length.get(0));
		}
		catch (NumberFormatException ex) {
			throw new MalformedRequestException("Not a Content-Length: '" + length.get(0) + "'");
		}
		if (bytes < 0 || bytes > MAX_BODY) {
			throw new MalformedRequestException("Content-Length out of range: " + bytes);
		}
		byte[] body = this.in.readNBytes((int) bytes);
		if (body.length < bytes) {
			throw new EOFException("Connection closed inside a body");
		}
		return body;
	}

	private byte[] readChunks() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (;;) {
			String sizeLine = requiredLine();
			int extension = sizeLine.indexOf(';');
			String hex = (extension < 0) ? sizeLine.trim() : sizeLine.substring(0, extension).trim();
			int size;
			try {
				size = Integer.parseInt(hex, 16);
			}
			catch (NumberFormatException ex) {
				throw new MalformedRequestException("Not a chunk size: '" + sizeLine + "'");
			}
			if (size < 0 || body.size() + (long) size > MAX_BODY) {
				throw new MalformedRequestException("Chunked body larger than " + MAX_BODY + " bytes");
			}
			if (size == 0) {
				// trailers, if any, end with an empty line
				while (!requiredLine().isEmpty()) {
					// ignored
				}
				return body.toByteArray();
			}
			byte[] chunk = this.in.readNBytes(size);
			if (chunk.length < size) {
				throw new EOFException("Connection closed inside a chunk");
			}
			body.write(chunk);
			requiredLine();
		}
	}

	private String requiredLine() throws IOException {
		String line = readLine(false);
		if (line == null) {
			throw new EOFException("Connection closed inside a request");
		}
		return line;
	}

	/** Reads a line ending in CRLF (or LF), without it; null at the end of the input. */
	private @Nullable String readLine(boolean atRequestStart) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (;;) {
			int b = this.in.read();
			if (b < 0) {
				if (atRequestStart && line.size() == 0) {
					return null;
				}
				throw new EOFException("Connection closed inside a line");
			}
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int end = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
			}
			if (line.size() >= MAX_LINE) {
				throw new MalformedRequestException("Line longer than " + MAX_LINE + " bytes");
			}
			line.write(b);
		}
	}

	/**
	 * What came is not an HTTP/1.x request the server can read; it answers 400 and closes.
	 */
	static final class MalformedRequestException extends IOException {

		private static final long serialVersionUID = 1L;

		MalformedRequestException(String message) {
			super(message);
		}

	}

}
