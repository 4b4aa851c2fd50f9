package dev.resilience.test;

import java.io.IOException;
import java.net.Socket;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of {@link FaultyHttpServerExtension}: one server per class on a static field, reset
 * between tests; one server per test on an instance field, stopped after it.
 */
class FaultyHttpServerExtensionTests {

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class PerClass {

		@RegisterExtension
		static final FaultyHttpServerExtension server = new FaultyHttpServerExtension();

		static int firstPort;

		@Test
		@Order(1)
		void firstTestScriptsAndCalls(FaultyHttpServer injected) throws IOException {
			assertThat(injected).isSameAs(server.server());
			firstPort = server.port();
			server.enqueue(Reply.status(503), Reply.status(503));
			call(server.port());
			assertThat(server.requestCount()).isOne();
		}

		@Test
		@Order(2)
		void secondTestFindsTheSameServerReset() throws IOException {
			assertThat(server.port()).isEqualTo(firstPort);
			assertThat(server.requestCount()).isZero();
			assertThat(server.server().queuedReplies()).isZero();
			assertThat(call(server.port())).startsWith("HTTP/1.1 200 ");
		}

	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class PerTest {

		@RegisterExtension
		final FaultyHttpServerExtension server = new FaultyHttpServerExtension();

		static int previousPort;

		@Test
		@Order(1)
		void firstTestHasAServer() throws IOException {
			previousPort = this.server.port();
			assertThat(call(previousPort)).startsWith("HTTP/1.1 200 ");
		}

		@Test
		@Order(2)
		void secondTestHasAnotherAndTheFirstIsStopped() {
			assertThat(this.server.requestCount()).isZero();
			assertThat(this.server.port()).isNotEqualTo(previousPort);
			assertThat(catchThrowable(() -> call(previousPort))).isInstanceOf(IOException.class);
		}

	}

	@Test
	void serverIsUnavailableOutsideTheTests() {
		assertThatIllegalStateException().isThrownBy(() -> new FaultyHttpServerExtension().server())
			.withMessageContaining("@RegisterExtension");
	}

	/** Sends a GET over a connection of its own and returns the status line. */
	static String call(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
			String answer = new String(socket.getInputStream().readAllBytes());
			return answer.lines().findFirst().orElse("");
		}
	}

}
