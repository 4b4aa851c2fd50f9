package dev.resilience.http;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.Deadline;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LoadSheddingWebFilter}, over a real {@link ConcurrencyLimit} whose waits a
 * {@link ManualScheduler} ends.
 */
@Timeout(30)
class LoadSheddingWebFilterTests {

	private final ManualClock clock = new ManualClock();

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final AtomicInteger handled = new AtomicInteger();

	private final Sinks.Empty<Void> handler = Sinks.empty();

	/** A handler that runs until the test ends it. */
	private final WebFilterChain pendingChain = (exchange) -> {
		this.handled.incrementAndGet();
		return this.handler.asMono();
	};

	private final WebFilterChain chain = (exchange) -> {
		this.handled.incrementAndGet();
		return Mono.empty();
	};

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final Queue<Throwable> dropped = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void recordDroppedErrors() {
		Hooks.onErrorDropped(this.dropped::add);
	}

	@AfterEach
	void shutdown() throws InterruptedException {
		Hooks.resetOnErrorDropped();
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void slotIsTakenAtSubscriptionAndHeldUntilTheChainCompletes() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		Mono<Void> filtered = filter(limit).filter(exchange("/orders"), this.pendingChain);
		assertThat(limit.inFlight()).isZero();
		filtered.subscribe();
		assertThat(this.handled).hasValue(1);
		assertThat(limit.inFlight()).isEqualTo(1);
		this.handler.tryEmitEmpty();
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void requestBeyondTheLimitIsAnswered503WithRetryAfterAndAProblemDetailAndNoHandlerRuns() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		limit.tryAcquire();
		MockServerWebExchange exchange = exchange("/orders?customer=secret-42");
		filter(limit).filter(exchange, this.chain).block(Duration.ofSeconds(10));
		assertThat(this.handled).hasValue(0);
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(10)))
			.isEqualTo(LoadSheddingFilterTests.SHED_BODY);
		assertThat(limit.inFlight()).isEqualTo(1);
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 1));
	}

	@Test
	void excludedPathsPassEvenWhenTheLimitIsFull() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		limit.tryAcquire();
		for (String path : List.of("/actuator/health", "/actuator")) {
			MockServerWebExchange exchange = exchange(path);
			filter(limit).filter(exchange, this.chain).block(Duration.ofSeconds(10));
			assertThat(exchange.getResponse().getStatusCode()).as(path).isNull();
		}
		MockServerWebExchange withContextPath = MockServerWebExchange
			.from(MockServerHttpRequest.get("/shop/actuator/health").contextPath("/shop"));
		filter(limit).filter(withContextPath, this.chain).block(Duration.ofSeconds(10));
		assertThat(this.handled).hasValue(3);
		assertThat(limit.metrics()).isEqualTo(new ConcurrencyLimit.Metrics(1, 0));
	}

	@Test
	void slotIsReleasedWhenTheChainFails() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		assertThatIllegalStateException().isThrownBy(() -> filter(limit)
			.filter(exchange("/orders"), (exchange) -> Mono.error(new IllegalStateException("boom")))
			.block(Duration.ofSeconds(10)));
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void slotIsReleasedWhenTheChainThrows() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		assertThatIllegalStateException().isThrownBy(() -> filter(limit).filter(exchange("/orders"), (exchange) -> {
			throw new IllegalStateException("boom");
		}).block(Duration.ofSeconds(10)));
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void slotIsReleasedWhenTheSubscriberCancels() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		Disposable subscription = filter(limit).filter(exchange("/orders"), this.pendingChain).subscribe();
		assertThat(limit.inFlight()).isEqualTo(1);
		subscription.dispose();
		assertThat(limit.inFlight()).isZero();
		this.handler.tryEmitEmpty();
		assertThat(limit.tryAcquire()).isNotEqualTo(ConcurrencyLimit.REFUSED);
		assertThat(limit.tryAcquire()).isEqualTo(ConcurrencyLimit.REFUSED);
	}

	@Test
	void waitingRequestProceedsWhenASlotFreesAndHoldsItUntilItCompletes() {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		long held = limit.tryAcquire();
		filter(limit).filter(exchange("/orders"), this.pendingChain).subscribe();
		assertThat(this.handled).hasValue(0);
		assertThat(this.scheduler.pending()).isEqualTo(1);
		limit.release(held);
		assertThat(this.handled).hasValue(1);
		assertThat(limit.inFlight()).isEqualTo(1);
		assertThat(this.scheduler.pending()).isZero();
		this.handler.tryEmitEmpty();
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void waitingRequestIsShedWhenItsWaitEnds() {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		limit.tryAcquire();
		MockServerWebExchange exchange = exchange("/orders");
		Disposable subscription = filter(limit).filter(exchange, this.chain).subscribe();
		assertThat(exchange.getResponse().getStatusCode()).isNull();
		this.scheduler.advance(Duration.ofMillis(100));
		assertThat(subscription.isDisposed()).isTrue();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.handled).hasValue(0);
	}

	@Test
	void waitForASlotNeverOutlastsTheDeadlineInTheSubscriberContext() {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		limit.tryAcquire();
		Deadline deadline = Deadline.within(Duration.ofMillis(20), this.clock);
		MockServerWebExchange exchange = exchange("/orders");
		filter(limit).filter(exchange, this.chain)
			.contextWrite((context) -> context.put(Deadline.CONTEXT_KEY, deadline))
			.subscribe();
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMillis(20));
		this.scheduler.advance(Duration.ofMillis(20));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void cancellingAWaitingRequestGivesItsWaitUp() {
		ConcurrencyLimit limit = limit(1, Duration.ofMillis(100));
		long held = limit.tryAcquire();
		Disposable subscription = filter(limit).filter(exchange("/orders"), this.chain).subscribe();
		assertThat(this.scheduler.pending()).isEqualTo(1);
		subscription.dispose();
		assertThat(this.scheduler.pending()).isZero();
		limit.release(held);
		assertThat(this.handled).hasValue(0);
		assertThat(limit.inFlight()).isZero();
		assertThat(limit.metrics().rejectedCalls()).isZero();
		assertThat(this.dropped).isEmpty();
	}

	@Test
	void slotGrantedWhileTheWaitIsCancelledIsGivenBackExactlyOnce() throws Exception {
		ConcurrencyLimit limit = limit(1, Duration.ofSeconds(10));
		for (int i = 0; i < 500; i++) {
			long held = limit.tryAcquire();
			Disposable subscription = filter(limit).filter(exchange("/orders"), this.pendingChain).subscribe();
			CyclicBarrier start = new CyclicBarrier(2);
			Future<?> release = this.executor.submit(() -> {
				start.await();
				limit.release(held);
				return null;
			});
			Future<?> cancel = this.executor.submit(() -> {
				start.await();
				subscription.dispose();
				return null;
			});
			release.get(10, TimeUnit.SECONDS);
			cancel.get(10, TimeUnit.SECONDS);
			assertThat(limit.inFlight()).as("iteration %d", i).isZero();
		}
		assertThat(limit.tryAcquire()).isNotEqualTo(ConcurrencyLimit.REFUSED);
		assertThat(limit.tryAcquire()).isEqualTo(ConcurrencyLimit.REFUSED);
		assertThat(this.dropped).isEmpty();
	}

	@Test
	void retryAfterIsRoundedUpToWholeSeconds() {
		ConcurrencyLimit limit = limit(1, Duration.ZERO);
		limit.tryAcquire();
		MockServerWebExchange exchange = exchange("/orders");
		new LoadSheddingWebFilter(limit, List.of(), Duration.ofMillis(1500)).filter(exchange, this.chain)
			.block(Duration.ofSeconds(10));
		assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("2");
	}

	private LoadSheddingWebFilter filter(ConcurrencyLimit limit) {
		return new LoadSheddingWebFilter(limit, List.of("/actuator/**"), Duration.ofSeconds(1));
	}

	private ConcurrencyLimit limit(int limit, Duration maxWait) {
		return ConcurrencyLimit.of("inbound", ConcurrencyLimitConfig.builder().limit(limit).maxWait(maxWait).build(),
				this.clock, this.scheduler, new ResilienceListener() {
				});
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(path));
	}

}
