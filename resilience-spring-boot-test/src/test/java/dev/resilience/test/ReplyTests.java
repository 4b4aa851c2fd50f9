package dev.resilience.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of {@link Reply} and of what the server writes for it on the wire, read over a plain
 * socket: a body in chunks received, a bad request answered 400.
 */
class ReplyTests {

	@Test
	void retryAfterIsInWholeSecondsRoundedUpOrAnHttpDate() {
		assertThat(Reply.status(503).retryAfter(Duration.ofMillis(1)).headers())
			.extracting(Object::toString)
			.containsExactly("Retry-After=1");
		assertThat(Reply.httpDate(Instant.parse("2015-10-01T07:28:00Z"))).isEqualTo("Thu, 01 Oct 2015 07:28:00 GMT");
	}

	@Test
	void faultsHaveNoStatusHeadersOrBody() {
		assertThatIllegalStateException().isThrownBy(() -> Reply.connectionReset().header("X", "y"))
			.withMessageContaining("connection reset");
		assertThatIllegalStateException().isThrownBy(() -> Reply.malformed().body("x"));
		assertThatIllegalStateException().isThrownBy(() -> Reply.connectionClosed().trickled(Duration.ofMillis(1)));
	}

	@Test
	void rejectsWhatHttpCannotCarry() {
		assertThatIllegalArgumentException().isThrownBy(() -> Reply.status(42));
		assertThatIllegalArgumentException().isThrownBy(() -> Reply.ok().header("Bad Name", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> Reply.ok().header("X", "two\r\nlines"));
		assertThatIllegalArgumentException().isThrownBy(() -> Reply.ok().delayedBy(Duration.ofMillis(-1)));
	}

	@Test
	void isImmutable() {
		Reply reply = Reply.ok();
		reply.header("X", "y").body("changed");
		assertThat(reply.headers()).isEmpty();
		assertThat(reply.bodyBytes()).isEmpty();
		assertThat(reply).hasToString("200 with 0 bytes of body");
		assertThat(Reply.connectionReset().delayedBy(Duration.ofSeconds(1))).hasToString("connection reset after PT1S");
	}

	@Test
	void writesTheStatusLineTheHeadersAndAContentLength() throws IOException {
		try (FaultyHttpServer server = FaultyHttpServer.start()) {
			server.enqueue(Reply.status(503).header("X-Reason", "maintenance").body("later"));
			String answer = exchange(server, "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
			assertThat(answer).isEqualTo("HTTP/1.1 503 Service Unavailable\r\nX-Reason: maintenance\r\n"
					+ "Content-Length: 5\r\nConnection: close\r\n\r\nlater");
		}
	}

	@Test
	void readsABodySentInChunks() throws IOException {
		try (FaultyHttpServer server = FaultyHttpServer.start()) {
			exchange(server, "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
					+ "Connection: close\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
			assertThat(server.takeRequest().bodyAsString()).isEqualTo("hello world");
		}
	}

	@Test
	void answersWhatIsNotHttpWithBadRequest() throws IOException {
		try (FaultyHttpServer server = FaultyHttpServer.start()) {
			String answer = exchange(server, "HELLO\r\n\r\n");
			assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
				.endsWith("Not an HTTP/1.x request line: 'HELLO'");
			assertThat(server.requestCount()).isZero();
		}
	}

	private static String exchange(FaultyHttpServer server, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(5_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
