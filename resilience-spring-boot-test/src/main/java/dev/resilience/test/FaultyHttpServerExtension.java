package dev.resilience.test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.resilience.core.Sleeper;

/**
 * Runs a {@link FaultyHttpServer} for the tests of a class, registered with
 * {@code @RegisterExtension}:
 * <ul>
 * <li>on a {@code static} field, one server for the whole class, started before all tests (so
 * that a {@code @DynamicPropertySource} can read its URL) and stopped after them; between two
 * tests its script and records are {@link FaultyHttpServer#reset() reset};</li>
 * <li>on an instance field, a new server for each test, stopped after it.</li>
 * </ul>
 * <pre class="code">
 * &#64;RegisterExtension
 * static FaultyHttpServerExtension inventory = new FaultyHttpServerExtension();
 *
 * &#64;Test
 * void answersFromTheCacheWhileInventoryIsDown() {
 *     inventory.enqueue(Reply.status(503).retryAfter(Duration.ofSeconds(2)));
 *     ...
 *     assertThat(inventory.requestCount()).isEqualTo(1);
 * }
 * </pre>
 * Test methods may also take the running {@link FaultyHttpServer} as a parameter.
 *
 * <p>Thread-safe as the server is; meant to be used from the test's thread.
 *
 * @since 0.3.0
 */
public final class FaultyHttpServerExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

	private final Sleeper sleeper;

	private volatile @Nullable FaultyHttpServer server;

	private volatile boolean perClass;

	/** The unique id of the class or test that started the server, which alone stops it. */
	private volatile @Nullable String owner;

	/** Creates the extension of a server whose delays pass in real time. */
	public FaultyHttpServerExtension() {
		this(Sleeper.system());
	}

	/**
	 * Creates the extension of a server whose delays and pauses are waited through the given
	 * sleeper.
	 * @param sleeper waits the delays and pauses
	 */
	public FaultyHttpServerExtension(Sleeper sleeper) {
		this.sleeper = sleeper;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// nested classes call this again: the outer class's server serves them too
		if (this.server == null) {
			this.perClass = true;
			start(context);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server == null) {
			start(context);
		}
	}

	private void start(ExtensionContext context) {
		this.owner = context.getUniqueId();
		this.server = FaultyHttpServer.start(this.sleeper);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		FaultyHttpServer server = this.server;
		if (server == null) {
			return;
		}
		if (this.perClass) {
			server.reset();
		}
		else if (context.getUniqueId().equals(this.owner)) {
			stop(server);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		FaultyHttpServer server = this.server;
		if (server != null && context.getUniqueId().equals(this.owner)) {
			stop(server);
		}
	}

	private void stop(FaultyHttpServer server) {
		this.server = null;
		this.owner = null;
		server.close();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == FaultyHttpServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server();
	}

	/**
	 * Returns the running server.
	 * @return the server
	 * @throws IllegalStateException outside the tests the extension runs it for
	 */
	public FaultyHttpServer server() {
		FaultyHttpServer server = this.server;
		if (server == null) {
			throw new IllegalStateException("The faulty HTTP server runs only during the tests of the class"
					+ " that registers it with @RegisterExtension");
		}
		return server;
	}

	/** Returns the port of the server. See {@link FaultyHttpServer#port()}. */
	public int port() {
		return server().port();
	}

	/** Returns the base URL of the server. See {@link FaultyHttpServer#url()}. */
	public String url() {
		return server().url();
	}

	/**
	 * Returns the URL of a path on the server. See {@link FaultyHttpServer#url(String)}.
	 * @param path the path, with its query if any
	 * @return the URL
	 */
	public String url(String path) {
		return server().url(path);
	}

	/**
	 * Returns the URI of a path on the server. See {@link FaultyHttpServer#uri(String)}.
	 * @param path the path, with its query if any
	 * @return the URI
	 */
	public URI uri(String path) {
		return server().uri(path);
	}

	/**
	 * Queues replies. See {@link FaultyHttpServer#enqueue(Reply...)}.
	 * @param replies the replies, one per request
	 * @return the server
	 */
	public FaultyHttpServer enqueue(Reply... replies) {
		return server().enqueue(replies);
	}

	/**
	 * Queues one reply several times. See {@link FaultyHttpServer#enqueue(int, Reply)}.
	 * @param times how many requests it answers
	 * @param reply the reply
	 * @return the server
	 */
	public FaultyHttpServer enqueue(int times, Reply reply) {
		return server().enqueue(times, reply);
	}

	/**
	 * Sets the default reply. See {@link FaultyHttpServer#answerByDefault(Reply)}.
	 * @param reply the reply
	 * @return the server
	 */
	public FaultyHttpServer answerByDefault(Reply reply) {
		return server().answerByDefault(reply);
	}

	/**
	 * Sets the default answer by request. See {@link FaultyHttpServer#answerWith(Function)}.
	 * @param answer chooses the reply of a request
	 * @return the server
	 */
	public FaultyHttpServer answerWith(Function<RecordedRequest, Reply> answer) {
		return server().answerWith(answer);
	}

	/** Returns the requests received. See {@link FaultyHttpServer#requests()}. */
	public List<RecordedRequest> requests() {
		return server().requests();
	}

	/** Returns how many requests arrived. See {@link FaultyHttpServer#requestCount()}. */
	public int requestCount() {
		return server().requestCount();
	}

	/** Takes the oldest request not taken yet. See {@link FaultyHttpServer#takeRequest()}. */
	public RecordedRequest takeRequest() {
		return server().takeRequest();
	}

	/**
	 * Takes the oldest request not taken yet. See {@link FaultyHttpServer#takeRequest(Duration)}.
	 * @param timeout how long to wait
	 * @return the request
	 */
	public RecordedRequest takeRequest(Duration timeout) {
		return server().takeRequest(timeout);
	}

}
