package dev.resilience.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link FaultyHttpServer} through the JDK's {@link HttpClient} over loopback: each fault
 * as a client sees it, the requests as recorded, and many clients at once.
 */
@Timeout(30)
class FaultyHttpServerJdkClientTests {

	private final GatedSleeper sleeper = new GatedSleeper();

	private final FaultyHttpServer server = FaultyHttpServer.start(this.sleeper);

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterEach
	void stop() {
		this.sleeper.open();
		this.server.close();
	}

	@Test
	void answersTheQueuedRepliesInOrderThenTwoHundredWithAnEmptyBody() throws Exception {
		this.server.enqueue(Reply.status(503), Reply.ok("second").header("Content-Type", "text/plain"));
		HttpResponse<String> first = get("/stock");
		HttpResponse<String> second = get("/stock");
		HttpResponse<String> third = get("/stock");
		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEqualTo("second");
		assertThat(second.headers().firstValue("content-type")).hasValue("text/plain");
		assertThat(third.statusCode()).isEqualTo(200);
		assertThat(third.body()).isEmpty();
		assertThat(this.server.queuedReplies()).isZero();
	}

	@Test
	void sendsRetryAfterInSecondsOrAsAnHttpDate() throws Exception {
		this.server.enqueue(Reply.status(429).retryAfter(Duration.ofMillis(1500)),
				Reply.status(503).retryAfter(Instant.parse("2030-01-02T03:04:05Z")));
		HttpResponse<String> seconds = get("/");
		HttpResponse<String> date = get("/");
		assertThat(seconds.statusCode()).isEqualTo(429);
		assertThat(seconds.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(date.statusCode()).isEqualTo(503);
		assertThat(date.headers().firstValue("Retry-After")).hasValue("Wed, 02 Jan 2030 03:04:05 GMT");
	}

	@Test
	void answersByDefaultWhatTheTestChooses() throws Exception {
		this.server.answerWith((request) -> request.path().equals("/down") ? Reply.status(503) : Reply.ok("up"));
		assertThat(get("/down").statusCode()).isEqualTo(503);
		assertThat(get("/other").body()).isEqualTo("up");
		this.server.answerByDefault(Reply.status(500));
		assertThat(get("/other").statusCode()).isEqualTo(500);
	}

	@Test
	void delayBeforeTheHeadersOutlastsTheClientsTimeout() {
		this.server.enqueue(Reply.ok("late").delayedBy(Duration.ofMinutes(1)));
		HttpRequest request = HttpRequest.newBuilder(this.server.uri("/slow")).timeout(Duration.ofMillis(200)).build();
		Throwable thrown = catchThrowable(() -> this.client.send(request, BodyHandlers.ofString()));
		assertThat(thrown).isInstanceOf(HttpTimeoutException.class);
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofMinutes(1));
	}

	@Test
	void delayedReplyArrivesWhenTheDelayHasPassed() throws Exception {
		this.server.enqueue(Reply.status(202).delayedBy(Duration.ofSeconds(3)));
		this.sleeper.release(1);
		assertThat(get("/").statusCode()).isEqualTo(202);
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void trickledBodyReachesTheClientOneByteAtATime() throws Exception {
		this.server.enqueue(Reply.ok("abcd").trickled(Duration.ofMillis(250)));
		HttpResponse<InputStream> response = this.client.send(HttpRequest.newBuilder(this.server.uri("/")).build(),
				BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			assertThat(body.read()).isEqualTo('a');
			// the next byte waits for a pause the test has not let pass
			await().until(() -> this.sleeper.waiting() == 1);
			assertThat(body.available()).isZero();
			this.sleeper.release(1);
			assertThat(body.read()).isEqualTo('b');
			this.sleeper.release(2);
			assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("cd");
		}
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250),
				Duration.ofMillis(250));
	}

	@Test
	void resetConnectionFailsTheClientWithAnIOException() {
		this.server.answerByDefault(Reply.connectionReset());
		assertThat(catchThrowable(() -> post("/"))).isInstanceOf(IOException.class);
		assertThat(this.server.requestCount()).isOne();
	}

	@Test
	void connectionClosedBeforeAnsweringFailsTheClientWithAnIOException() {
		this.server.answerByDefault(Reply.connectionClosed());
		assertThat(catchThrowable(() -> post("/"))).isInstanceOf(IOException.class);
		assertThat(this.server.requestCount()).isOne();
	}

	@Test
	void theJdkClientSendsAGetOnceMoreWhenItsConnectionEndsBeforeAnAnswer() throws Exception {
		this.server.enqueue(Reply.connectionReset());
		assertThat(get("/").statusCode()).as("the client's own retry got the default answer").isEqualTo(200);
		assertThat(this.server.requestCount()).isEqualTo(2);
		this.server.answerByDefault(Reply.connectionClosed());
		assertThat(catchThrowable(() -> get("/"))).as("it does so only once").isInstanceOf(IOException.class);
		assertThat(this.server.requestCount()).isEqualTo(4);
	}

	@Test
	void malformedAnswerFailsTheClientWithAnIOException() {
		this.server.enqueue(Reply.malformed());
		assertThat(catchThrowable(() -> get("/"))).isInstanceOf(IOException.class);
	}

	@Test
	void faultsEndOnlyTheirConnection() throws Exception {
		this.server.enqueue(Reply.connectionReset());
		catchThrowable(() -> post("/"));
		assertThat(post("/").statusCode()).isEqualTo(200);
		assertThat(this.server.connectionCount()).isEqualTo(2);
	}

	@Test
	void recordsMethodTargetHeadersIgnoringCaseAndBody() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.server.uri("/orders?sku=42&qty=1"))
			.header("Idempotency-Key", "a1b2")
			.header("X-Request-Timeout", "1500")
			.header("X-Twice", "one")
			.header("X-Twice", "two")
			.POST(BodyPublishers.ofString("{\"sku\":42}"))
			.build();
		this.client.send(request, BodyHandlers.discarding());
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.method()).isEqualTo("POST");
		assertThat(recorded.target()).isEqualTo("/orders?sku=42&qty=1");
		assertThat(recorded.path()).isEqualTo("/orders");
		assertThat(recorded.query()).isEqualTo("sku=42&qty=1");
		assertThat(recorded.header("idempotency-key")).isEqualTo("a1b2");
		assertThat(recorded.header("X-REQUEST-TIMEOUT")).isEqualTo("1500");
		assertThat(recorded.headers("x-twice")).containsExactly("one", "two");
		assertThat(recorded.header("X-Absent")).isNull();
		assertThat(recorded.bodyAsString()).isEqualTo("{\"sku\":42}");
	}

	@Test
	void keepsTheConnectionAliveBetweenRequests() throws Exception {
		get("/first");
		get("/second");
		assertThat(this.server.requests()).extracting(RecordedRequest::target).containsExactly("/first", "/second");
		assertThat(this.server.requests()).extracting(RecordedRequest::connection).containsExactly(1, 1);
	}

	@Test
	void takeRequestFailsWhenNoneArrives() {
		assertThat(catchThrowable(() -> this.server.takeRequest(Duration.ofMillis(10))))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("No request arrived at " + this.server.url());
	}

	@Test
	void resetForgetsTheScriptTheDefaultAndTheRequests() throws Exception {
		this.server.enqueue(Reply.status(503)).answerByDefault(Reply.status(500));
		get("/");
		this.server.enqueue(Reply.status(503));
		this.server.reset();
		assertThat(this.server.requestCount()).isZero();
		assertThat(this.server.queuedReplies()).isZero();
		assertThat(get("/").statusCode()).isEqualTo(200);
		assertThat(this.server.takeRequest().target()).isEqualTo("/");
	}

	@Test
	void manyClientsAtOnceGetEachQueuedReplyExactlyOnceAndAreAllRecorded() throws Exception {
		int requests = 400;
		for (int i = 0; i < requests; i++) {
			this.server.enqueue(Reply.ok("reply " + i));
		}
		ExecutorService callers = Executors.newFixedThreadPool(32);
		try {
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String path = "/call/" + i;
				calls.add(() -> get(path).body());
			}
			Set<String> bodies = new HashSet<>();
			for (Future<String> body : callers.invokeAll(calls)) {
				bodies.add(body.get());
			}
			assertThat(bodies).hasSize(requests);
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(this.server.requestCount()).isEqualTo(requests);
		assertThat(this.server.requests()).extracting(RecordedRequest::target).doesNotHaveDuplicates();
		assertThat(this.server.answerByDefault(Reply.ok()).queuedReplies()).isZero();
	}

	@Test
	void servesAtMostItsThreadsOfConnectionsAtOnceAndTheRestInTurn() throws Exception {
		int connections = FaultyHttpServer.MAX_CONNECTION_THREADS + 6;
		this.server.answerByDefault(Reply.ok("done").delayedBy(Duration.ofSeconds(1)));
		ExecutorService callers = Executors.newFixedThreadPool(connections);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				// a client of its own each, so that each call opens a connection of its own
				HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				statuses.add(callers.submit(() -> client
					.send(HttpRequest.newBuilder(this.server.uri("/")).build(), BodyHandlers.ofString())
					.statusCode()));
			}
			await().until(() -> this.server.connectionCount() == connections
					&& this.sleeper.waiting() == FaultyHttpServer.MAX_CONNECTION_THREADS);
			// the connections past the threads wait, unread
			await().during(Duration.ofMillis(200))
				.until(() -> this.server.requestCount() == FaultyHttpServer.MAX_CONNECTION_THREADS);
			this.sleeper.open();
			for (Future<Integer> status : statuses) {
				assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(this.server.requestCount()).isEqualTo(connections);
		assertThat(this.sleeper.mostWaiting()).isEqualTo(FaultyHttpServer.MAX_CONNECTION_THREADS);
	}

	@Test
	void closeInterruptsTheDelaysUnderWayAndRefusesNewConnections() throws Exception {
		this.server.enqueue(Reply.ok().delayedBy(Duration.ofMinutes(1)));
		Future<Throwable> call = Executors.newSingleThreadExecutor().submit(() -> catchThrowable(() -> get("/")));
		await().until(() -> this.sleeper.waiting() == 1);
		this.server.close();
		assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
		assertThat(this.sleeper.waiting()).isZero();
		assertThat(catchThrowable(() -> get("/"))).isInstanceOf(IOException.class);
	}

	private HttpResponse<String> post(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.server.uri(path)).POST(BodyPublishers.ofString("x")).build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(this.server.uri(path)).build(), BodyHandlers.ofString());
	}

}
