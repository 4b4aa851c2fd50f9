package dev.resilience.http;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.Deadline;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LoadSheddingFilter}, over a real {@link ConcurrencyLimit} whose waits a
 * {@link ManualScheduler} ends.
 */
@Timeout(30)
class LoadSheddingFilterTests {

	static final String SHED_BODY = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
			+ "\"detail\":\"The service is at capacity: concurrency limit 'inbound' has no free slot. Try again later.\"}";

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger handled = new AtomicInteger();

	private final FilterChain chain = (request, response) -> this.handled.incrementAndGet();

	@AfterEach
	void shutdown() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void requestWithinTheLimitRunsAndGivesItsSlotBack() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(limit).doFilter(request("/orders"), response, (req, res) -> {
			assertThat(limit.inFlight()).isEqualTo(1);
			this.handled.incrementAndGet();
		});
		assertThat(this.handled).hasValue(1);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void requestBeyondTheLimitIsAnswered503WithRetryAfterAndAProblemDetailAndNoHandlerRuns() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		long held = limit.tryAcquire();
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(limit).doFilter(request("/orders?customer=secret-42"), response, this.chain);
		assertThat(this.handled).hasValue(0);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).isEqualTo(SHED_BODY).doesNotContain("orders", "secret");
		assertThat(response.getContentLength()).isEqualTo(SHED_BODY.length());
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 1));
		limit.release(held);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void excludedPathsPassEvenWhenTheLimitIsFull() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		limit.tryAcquire();
		LoadSheddingFilter filter = filter(limit);
		for (String path : List.of("/actuator/health", "/actuator", "/actuator/health/liveness")) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request(path), response, this.chain);
			assertThat(response.getStatus()).as(path).isEqualTo(200);
		}
		assertThat(this.handled).hasValue(3);
		assertThat(limit.inFlight()).isEqualTo(1);
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 0));
	}

	@Test
	void excludedPathsAreMatchedWithinTheApplication() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		limit.tryAcquire();
		MockHttpServletRequest health = request("/shop/actuator/health");
		health.setContextPath("/shop");
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter(limit).doFilter(health, response, this.chain);
		assertThat(response.getStatus()).isEqualTo(200);
		MockHttpServletResponse shed = new MockHttpServletResponse();
		filter(limit).doFilter(request("/shop/actuator/health"), shed, this.chain);
		assertThat(shed.getStatus()).isEqualTo(503);
	}

	@Test
	void noPathIsExcludedWhenTheListIsEmpty() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		limit.tryAcquire();
		MockHttpServletResponse response = new MockHttpServletResponse();
		new LoadSheddingFilter(limit, List.of(), Duration.ofSeconds(1)).doFilter(request("/actuator/health"),
				response, this.chain);
		assertThat(response.getStatus()).isEqualTo(503);
	}

	@Test
	void slotIsReleasedWhenTheChainThrows() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		assertThatIOException().isThrownBy(() -> filter(limit).doFilter(request("/orders"),
				new MockHttpServletResponse(), (req, res) -> {
					throw new IOException("broken pipe");
				}));
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void asyncRequestKeepsItsSlotUntilTheAsyncCycleCompletes() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		MockHttpServletRequest request = asyncRequest("/report");
		filter(limit).doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
		assertThat(request.isAsyncStarted()).isTrue();
		assertThat(limit.inFlight()).isEqualTo(1);
		MockHttpServletResponse shed = new MockHttpServletResponse();
		filter(limit).doFilter(request("/orders"), shed, this.chain);
		assertThat(shed.getStatus()).isEqualTo(503);
		request.getAsyncContext().complete();
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void asyncRequestGivesItsSlotBackOnceWhateverEndsItsCycle() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		MockHttpServletRequest request = asyncRequest("/report");
		filter(limit).doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
		MockAsyncContext context = (MockAsyncContext) request.getAsyncContext();
		AsyncEvent event = new AsyncEvent(context);
		for (AsyncListener listener : context.getListeners()) {
			listener.onTimeout(event);
			listener.onError(event);
			listener.onComplete(event);
		}
		assertThat(limit.inFlight()).isZero();
		assertThat(limit.tryAcquire()).isNotEqualTo(ConcurrencyLimit.REFUSED);
		assertThat(limit.tryAcquire()).isEqualTo(ConcurrencyLimit.REFUSED);
	}

	@Test
	void asyncRequestThatStartsAnotherCycleKeepsItsSlotUntilThatOneCompletes() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		MockHttpServletRequest request = asyncRequest("/report");
		filter(limit).doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
		MockAsyncContext first = (MockAsyncContext) request.getAsyncContext();
		List<AsyncListener> listeners = List.copyOf(first.getListeners());
		MockAsyncContext second = new MockAsyncContext(request, null);
		for (AsyncListener listener : listeners) {
			listener.onStartAsync(new AsyncEvent(second));
		}
		assertThat(limit.inFlight()).isEqualTo(1);
		second.complete();
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void waitingRequestProceedsWhenASlotFrees() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		long held = limit.tryAcquire();
		MockHttpServletResponse response = new MockHttpServletResponse();
		CompletableFuture<Void> served = serveInBackground(limit, response, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.pending() == 1);
		assertThat(this.handled).hasValue(0);
		limit.release(held);
		served.get(10, TimeUnit.SECONDS);
		assertThat(this.handled).hasValue(1);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void requestIsShedWhenItsWaitForASlotEnds() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		limit.tryAcquire();
		MockHttpServletResponse response = new MockHttpServletResponse();
		CompletableFuture<Void> served = serveInBackground(limit, response, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.pending() == 1);
		this.scheduler.advance(Duration.ofMillis(100));
		served.get(10, TimeUnit.SECONDS);
		assertThat(this.handled).hasValue(0);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void waitForASlotNeverOutlastsTheRequestsDeadline() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		limit.tryAcquire();
		MockHttpServletResponse response = new MockHttpServletResponse();
		CompletableFuture<Void> served = serveInBackground(limit, response, Duration.ofMillis(20));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.pending() == 1);
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMillis(20));
		this.scheduler.advance(Duration.ofMillis(20));
		served.get(10, TimeUnit.SECONDS);
		assertThat(response.getStatus()).isEqualTo(503);
	}

	@Test
	void requestWhoseDeadlineHasPassedIsShedWithoutWaiting() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		limit.tryAcquire();
		MockHttpServletResponse response = new MockHttpServletResponse();
		try (Deadline.Scope scope = Deadline.within(Duration.ZERO, this.clock).attach()) {
			filter(limit).doFilter(request("/orders"), response, this.chain);
		}
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(this.scheduler.delays()).isEmpty();
	}

	@Test
	void retryAfterIsRoundedUpToWholeSeconds() throws Exception {
		assertThat(retryAfter(Duration.ofMillis(1500))).isEqualTo("2");
		assertThat(retryAfter(Duration.ofSeconds(3))).isEqualTo("3");
		assertThat(retryAfter(Duration.ofNanos(1))).isEqualTo("1");
		assertThat(retryAfter(Duration.ZERO)).isEqualTo("1");
	}

	private String retryAfter(Duration retryAfter) throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		limit.tryAcquire();
		MockHttpServletResponse response = new MockHttpServletResponse();
		new LoadSheddingFilter(limit, List.of(), retryAfter).doFilter(request("/orders"), response, this.chain);
		return response.getHeader("Retry-After");
	}

	private CompletableFuture<Void> serveInBackground(ConcurrencyLimit limit, MockHttpServletResponse response,
			Duration deadline) {
		return CompletableFuture.runAsync(() -> {
			try (Deadline.Scope scope = (deadline != null) ? Deadline.within(deadline, this.clock).attach() : null) {
				filter(limit).doFilter(request("/orders"), response, this.chain);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, this.executor);
	}

	private LoadSheddingFilter filter(ConcurrencyLimit limit) {
		return new LoadSheddingFilter(limit, List.of("/actuator/**"), Duration.ofSeconds(1));
	}

	private ConcurrencyLimit limit(int limit, Duration maxWait) {
		return ConcurrencyLimit.of("inbound", ConcurrencyLimitConfig.builder().limit(limit).maxWait(maxWait).build(),
				this.clock, this.scheduler, new ResilienceListener() {
				});
	}

	private static MockHttpServletRequest request(String uri) {
		int query = uri.indexOf('?');
		MockHttpServletRequest request = new MockHttpServletRequest("GET", (query < 0) ? uri : uri.substring(0, query));
		if (query >= 0) {
			request.setQueryString(uri.substring(query + 1));
		}
		return request;
	}

	private static MockHttpServletRequest asyncRequest(String uri) {
		MockHttpServletRequest request = request(uri);
		request.setAsyncSupported(true);
		return request;
	}

}
