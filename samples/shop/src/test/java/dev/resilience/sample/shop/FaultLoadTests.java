package dev.resilience.sample.shop;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryConfig;
import dev.resilience.sample.shop.Actuator.RetryView;
import dev.resilience.sample.shop.Actuator.TimeLimiterView;
import dev.resilience.sample.shop.OrderController.OrderConfirmation;
import dev.resilience.sample.shop.Shop.Answer;
import dev.resilience.sample.shop.simulator.InvoiceStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * The shop under faults and load, over real loopback HTTP and in real time: {@value #CLIENTS}
 * clients view the front page and place orders while the services behind them are down, slow,
 * flapping and rate-limited. Each test is one phase, then a recovery. In every phase, every
 * answer comes within the bound that application.yml sets and is one the shop documents; no order
 * gets two PDFs; each retry of invoices is one more request seen by the PDF server. The breakers of
 * recommendations and time open while they fail and close once they are healthy again.
 *
 * <p>Time is real. Only the breaker's wait in the open state and the retry budget's window are
 * skipped, between phases, with a {@link FastForwardClock}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FaultLoadTests {

	private static final int CLIENTS = 8;

	/** Room for a loaded machine: thread scheduling, garbage collection, JSON. */
	private static final Duration MARGIN = Duration.ofSeconds(1);

	/** A phase is seconds of load; one that has not ended after this has hung. */
	private static final Duration PHASE_BOUND = Duration.ofSeconds(20);

	/** Page views after a phase, while the breaker lets its trial calls through and closes. */
	private static final int RECOVERY_PAGES = 80;

	private static final String TIME_NOT_AVAILABLE = "Time not available";

	private static final String INVOICES_UNAVAILABLE = "Invoices cannot be generated right now, please try again later";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private static final List<Phase> PHASES = new CopyOnWriteArrayList<>();

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private FastForwardClock clock;

	@Autowired
	private Environment environment;

	private Shop shop;

	private Actuator actuator;

	@BeforeAll
	static void warmUp(@LocalServerPort int port) {
		new Shop(port).warmUp();
	}

	@BeforeEach
	void healEverythingAndForgetEarlierPhases() {
		this.shop = new Shop(this.port);
		this.actuator = this.shop.actuator();
		this.shop.healAll();
		// Two windows on, the retry budget of invoices has forgotten the retries of earlier phases.
		this.clock.skip(this.registry.retry("invoices").config().budget().window().multipliedBy(2));
		this.actuator.closeCircuitBreaker("recommendations");
		this.actuator.closeCircuitBreaker("time");
	}

	@AfterAll
	static void report() {
		int requests = PHASES.stream().mapToInt((phase) -> phase.answers().size()).sum();
		Duration took = PHASES.stream().map(Phase::took).reduce(Duration.ZERO, Duration::plus);
		System.out.printf("%nFault load, %d clients: %d requests in %d ms%n", CLIENTS, requests, took.toMillis());
		PHASES.forEach((phase) -> System.out.printf(
				"  %-26s %4d pages (slowest %5d ms), %3d orders (slowest %5d ms), %5d ms%n", phase.name(),
				phase.pages().size(), phase.slowest(Kind.PAGE).toMillis(), phase.orders().size(),
				phase.slowest(Kind.ORDER).toMillis(), phase.took().toMillis()));
	}

	@Test
	void everyServiceDown() throws Exception {
		Counts before = counts();
		simulateAll("{\"mode\": \"down\"}");

		Phase phase = drive("down", 600, 16);

		assertInTimeAndWellFormed(phase);
		assertThat(phase.pages()).extracting(FaultLoadTests::frontPageOf)
			.allSatisfy((page) -> assertThat(page.recommendations()).isEqualTo(Recommendations.bestSellers()))
			.allSatisfy((page) -> assertThat(page.time()).isEqualTo(TIME_NOT_AVAILABLE));
		assertThat(phase.orders()).allSatisfy(
				(order) -> assertThat(order.answer().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		assertThat(breaker().state()).isEqualTo("OPEN");
		assertThat(breaker().notPermittedCalls()).isPositive();
		Counts after = counts();
		assertThat(after.recommendationsSeen() - before.recommendationsSeen()).as("a service that is down sees nothing")
			.isZero();
		assertThat(after.time().failed() - before.time().failed() + after.timeRefused() - before.timeRefused())
			.as("per page, one call of time that failed or that its open breaker refused")
			.isEqualTo(phase.pages().size());
		assertThat(this.actuator.circuitBreaker("time").state()).isEqualTo("OPEN");
		assertThat(after.invoices().requestsSeen()).isEqualTo(before.invoices().requestsSeen());
		assertThat(after.invoices().pdfsGenerated()).isEqualTo(before.invoices().pdfsGenerated());
		assertThat(after.retries().failedWithRetry() - before.retries().failedWithRetry())
			.isEqualTo(phase.orders().size());
		RetryConfig invoices = this.registry.retry("invoices").config();
		long retriesOfEveryOrder = (invoices.maxAttempts() - 1L) * phase.orders().size();
		assertThat(retriesOfEveryOrder).as("fewer than the budget allows in any window")
			.isLessThanOrEqualTo(invoices.budget().minPerSecond() * invoices.budget().window().toSeconds());
		assertThat(after.retries().budgetExhausted()).isEqualTo(before.retries().budgetExhausted());
		assertThat(after.retries().retryAttempts() - before.retries().retryAttempts())
			.as("every order made every attempt")
			.isEqualTo(retriesOfEveryOrder);

		recoverAndExpectTheBreakerToClose("down");
	}

	@Test
	void everyServiceSlow() throws Exception {
		Counts before = counts();
		int slowInvoices = CLIENTS;
		Duration readTimeout = readTimeout();
		Duration timeLimitOfTime = this.registry.timeLimiter("time").config().timeout();
		Duration timeLimitOfInvoices = this.registry.timeLimiter("invoices").config().timeout();
		// Slow enough that a page view would outlast its bound if a read timeout or a time limit did not apply
		this.shop.simulate("recommendations", slow(readTimeout.multipliedBy(2)));
		this.shop.simulate("time", slow(timeLimitOfTime.multipliedBy(4)));
		this.shop.simulate("invoices", "{\"mode\": \"slow\", \"latencyMs\": "
				+ timeLimitOfInvoices.plusMillis(500).toMillis() + ", \"times\": " + slowInvoices + "}");

		Phase phase = drive("slow", 48, 32);

		assertInTimeAndWellFormed(phase);
		assertThat(phase.pages()).extracting(FaultLoadTests::frontPageOf)
			.allSatisfy((page) -> assertThat(page.time()).isEqualTo(TIME_NOT_AVAILABLE));
		assertThat(breaker().state()).as("calls that outlast the read timeout fail").isEqualTo("OPEN");
		Counts after = counts();
		assertThat(after.recommendationsSeen() - before.recommendationsSeen())
			.as("the breaker spares recommendations")
			.isBetween(1L, callsWhileBroken(phase.took()));
		assertThat(after.time().timedOut() - before.time().timedOut() + after.timeRefused() - before.timeRefused())
			.as("per page, one call of time that timed out or that its open breaker refused")
			.isEqualTo(phase.pages().size());
		assertThat(this.actuator.circuitBreaker("time").state()).isEqualTo("OPEN");
		long timedOutAttempts = after.invoiceTimeLimit().timedOut() - before.invoiceTimeLimit().timedOut();
		assertThat(timedOutAttempts).as("every slow attempt timed out").isGreaterThanOrEqualTo(slowInvoices);
		assertEveryAttemptReachedThePdfServer(phase, before);
		assertThat(retriesAndFailedOrders(phase, before)).as("each attempt that timed out was retried or ended its order")
			.isEqualTo(timedOutAttempts);
		eventually().untilAsserted(() -> {
			InvoiceStats invoices = this.shop.invoiceStats();
			assertThat(newKeys(invoices, before).stream().mapToLong(InvoiceStats.Key::requests).sum())
				.as("every request reached the PDF server with the key of its order, the slow ones late")
				.isEqualTo(invoices.requestsSeen() - before.invoices().requestsSeen());
		});
		assertNoPdfGeneratedTwice(phase, before);

		recoverAndExpectTheBreakerToClose("slow");
	}

	@Test
	void everyServiceFlapping() throws Exception {
		Counts before = counts();
		simulateAll("{\"mode\": \"flapping\", \"failureRate\": 0.5}");

		Phase phase = drive("flapping", 600, 64);

		assertInTimeAndWellFormed(phase);
		assertEveryAttemptReachedThePdfServer(phase, before);
		assertNoPdfGeneratedTwice(phase, before);

		recoverAndExpectTheBreakerToClose("flapping");
	}

	@Test
	void everyServiceRateLimited() throws Exception {
		Counts before = counts();
		int rateLimitedInvoices = 2 * CLIENTS;
		Duration retryAfter = Duration.ofSeconds(1);
		this.shop.simulate("recommendations", "{\"mode\": \"rate-limited\"}");
		this.shop.simulate("time", "{\"mode\": \"rate-limited\"}");
		this.shop.simulate("invoices", "{\"mode\": \"rate-limited\", \"retryAfterSeconds\": "
				+ retryAfter.toSeconds() + ", \"times\": " + rateLimitedInvoices + "}");

		Phase phase = drive("rate-limited", 600, 48);

		assertInTimeAndWellFormed(phase);
		assertThat(phase.pages()).extracting(FaultLoadTests::frontPageOf)
			.allSatisfy((page) -> assertThat(page.recommendations()).isEqualTo(Recommendations.bestSellers()))
			.allSatisfy((page) -> assertThat(page.time()).isEqualTo(TIME_NOT_AVAILABLE));
		assertThat(breaker().state()).as("429 is a transient failure").isEqualTo("OPEN");
		Counts after = counts();
		assertThat(after.recommendationsSeen() - before.recommendationsSeen())
			.as("the breaker spares recommendations")
			.isBetween(1L, callsWhileBroken(phase.took()));
		assertEveryAttemptReachedThePdfServer(phase, before);
		assertNoPdfGeneratedTwice(phase, before);
		long timedOutAttempts = counts().invoiceTimeLimit().timedOut() - before.invoiceTimeLimit().timedOut();
		assertThat(retriesAndFailedOrders(phase, before))
			.as("each 429 was retried or ended its order, and so was any attempt that timed out on a busy machine")
			.isEqualTo(rateLimitedInvoices + timedOutAttempts);
		long retriedOrders = after.retries().successfulWithRetry() + after.retries().failedWithRetry()
				- before.retries().successfulWithRetry() - before.retries().failedWithRetry();
		assertThat(retriedOrders).isPositive();
		assertThat(phase.orders()).as("every order that was retried waited as long as Retry-After asked")
			.filteredOn((order) -> order.took().compareTo(retryAfter) >= 0)
			.hasSizeGreaterThanOrEqualTo((int) retriedOrders);

		recoverAndExpectTheBreakerToClose("rate-limited");
	}

	/**
	 * The longest a page view may take. The page calls recommendations, then time, one after the
	 * other. Recommendations have no time limit: the read timeout of the {@code RestClient} ends a
	 * call that waits for an answer (connecting takes no time: the simulated services are on
	 * loopback, and one that is down accepts the connection, then closes it). The call of time
	 * takes at most its time limiter's timeout. Plus {@link #MARGIN}.
	 */
	private Duration pageBound() {
		return readTimeout().plus(this.registry.timeLimiter("time").config().timeout()).plus(MARGIN);
	}

	/**
	 * The longest an order may take: the retries of invoices have a {@code max-duration}, which
	 * cuts each attempt's time limit to the time left and lets no delay start that would outlast
	 * it; the request's own deadline may come sooner. Plus {@link #MARGIN}.
	 */
	private Duration orderBound() {
		Duration maxDuration = this.registry.retry("invoices").config().maxDuration();
		Duration inbound = Binder.get(this.environment)
			.bind("resilience.deadline.inbound-default", Duration.class)
			.get();
		return ((maxDuration.compareTo(inbound) < 0) ? maxDuration : inbound).plus(MARGIN);
	}

	private Duration readTimeout() {
		return Binder.get(this.environment).bind("spring.http.clients.read-timeout", Duration.class).get();
	}

	/**
	 * The most requests recommendations can see in a phase that takes the given time while every
	 * call fails: a window of failed calls opens the breaker, the other clients may be in a call
	 * already, and each time the wait in the open state passes, the trial calls go through.
	 */
	private long callsWhileBroken(Duration phaseTook) {
		CircuitBreakerConfig config = this.registry.circuitBreaker("recommendations").config();
		long waitsPassed = phaseTook.toNanos() / config.waitInOpen().toNanos();
		return config.slidingWindowSize() + (CLIENTS - 1) + waitsPassed * config.halfOpenCalls();
	}

	/**
	 * Heals every service, lets the breakers' wait in the open state pass, and views the page
	 * under load again: the trial calls succeed and the breakers of recommendations and time close.
	 */
	private void recoverAndExpectTheBreakerToClose(String phase) throws Exception {
		this.shop.healAll();
		Duration waitInOpen = this.registry.circuitBreaker("recommendations").config().waitInOpen();
		Duration waitInOpenOfTime = this.registry.circuitBreaker("time").config().waitInOpen();
		this.clock.skip((waitInOpen.compareTo(waitInOpenOfTime) >= 0) ? waitInOpen : waitInOpenOfTime);

		Phase recovery = drive(phase + ", then healthy", RECOVERY_PAGES, 0);

		assertInTimeAndWellFormed(recovery);
		assertThat(breaker().state()).isEqualTo("CLOSED");
		assertThat(this.actuator.circuitBreaker("time").state()).isEqualTo("CLOSED");
		FrontPage page = this.shop.frontPage();
		assertThat(page.recommendations().heading()).isEqualTo("Recommended for you");
		assertThat(page.time()).isNotEqualTo(TIME_NOT_AVAILABLE);
	}

	/**
	 * Checks the retries of invoices against the PDF server: each order is one call, made of a
	 * first attempt and the retries counted on {@code /actuator/retries/invoices}; each attempt is
	 * one request, which reaches the server unless it is down.
	 */
	private void assertEveryAttemptReachedThePdfServer(Phase phase, Counts before) {
		RetryView after = this.actuator.retry("invoices");
		long confirmed = phase.confirmations().size();
		long calls = calls(after) - calls(before.retries());
		long retries = after.retryAttempts() - before.retries().retryAttempts();
		assertThat(calls).as("one call per order").isEqualTo(phase.orders().size());
		assertThat(after.successfulWithoutRetry() + after.successfulWithRetry()
				- before.retries().successfulWithoutRetry() - before.retries().successfulWithRetry())
			.isEqualTo(confirmed);
		assertThat(after.failedWithoutRetry() + after.failedWithRetry() - before.retries().failedWithoutRetry()
				- before.retries().failedWithRetry())
			.isEqualTo(phase.orders().size() - confirmed);
		eventually().untilAsserted(
				() -> assertThat(this.shop.invoiceStats().requestsSeen() - before.invoices().requestsSeen())
					.as("%d first attempts and %d retries", calls, retries)
					.isEqualTo(calls + retries));
	}

	/**
	 * Checks that no order got two PDFs: the keys made during the phase belong to distinct orders
	 * and invoices, and each confirmed order shows the invoice of its key.
	 */
	private void assertNoPdfGeneratedTwice(Phase phase, Counts before) {
		InvoiceStats after = this.shop.invoiceStats();
		List<InvoiceStats.Key> keys = newKeys(after, before);
		assertThat(keys).extracting(InvoiceStats.Key::orderId).doesNotHaveDuplicates();
		assertThat(keys).extracting(InvoiceStats.Key::invoiceNumber).doesNotHaveDuplicates();
		assertThat(after.pdfsGenerated() - before.invoices().pdfsGenerated()).isEqualTo(keys.size());
		Map<String, String> invoiceOfOrder = keys.stream()
			.collect(Collectors.toMap(InvoiceStats.Key::orderId, InvoiceStats.Key::invoiceNumber));
		assertThat(phase.confirmations()).allSatisfy((confirmation) -> assertThat(invoiceOfOrder)
			.containsEntry(confirmation.orderId(), confirmation.invoice().number()));
	}

	private static List<InvoiceStats.Key> newKeys(InvoiceStats after, Counts before) {
		return after.keys()
			.entrySet()
			.stream()
			.filter((key) -> !before.invoices().keys().containsKey(key.getKey()))
			.map(Map.Entry::getValue)
			.toList();
	}

	private void assertInTimeAndWellFormed(Phase phase) {
		assertThat(phase.slowest(Kind.PAGE)).as("slowest page view, %s", phase.name())
			.isLessThanOrEqualTo(pageBound());
		assertThat(phase.slowest(Kind.ORDER)).as("slowest order, %s", phase.name()).isLessThanOrEqualTo(orderBound());
		assertThat(phase.pages()).allSatisfy((page) -> assertWellFormedPage(page.answer()));
		assertThat(phase.orders()).allSatisfy((order) -> assertWellFormedOrder(order.answer()));
	}

	/** A page with recommendations or best sellers, and the time or a word that it is not available. */
	private static void assertWellFormedPage(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(HttpStatus.OK);
		FrontPage page = JSON.readValue(answer.body(), FrontPage.class);
		assertThat(page.user()).isEqualTo("ada");
		assertThat(page.recommendations()).satisfiesAnyOf(
				(recommendations) -> assertThat(recommendations).isEqualTo(Recommendations.bestSellers()),
				(recommendations) -> assertThat(recommendations.heading()).isEqualTo("Recommended for you"));
		assertThat(page.recommendations().titles()).isNotEmpty();
		assertThat(page.time()).satisfiesAnyOf((time) -> assertThat(time).isEqualTo(TIME_NOT_AVAILABLE),
				(time) -> assertThatNoException().isThrownBy(() -> OffsetDateTime.parse(time)));
	}

	/** An order with the invoice of that order, or the documented 503 and nothing of the failure. */
	private static void assertWellFormedOrder(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isIn(HttpStatus.OK, HttpStatus.SERVICE_UNAVAILABLE);
		if (answer.status().equals(HttpStatus.OK)) {
			OrderConfirmation confirmation = JSON.readValue(answer.body(), OrderConfirmation.class);
			assertThat(confirmation.invoice().orderId()).isEqualTo(confirmation.orderId());
			assertThat(confirmation.invoice().number()).matches("INV-\\d{5}");
			return;
		}
		Map<String, Object> problem = JSON.readValue(answer.body(), JSON_OBJECT);
		assertThat(problem).containsEntry("status", 503).containsEntry("detail", INVOICES_UNAVAILABLE);
		assertThat(problem.keySet()).as("a problem detail, no trace or message of the failure")
			.isSubsetOf("type", "title", "status", "detail", "instance");
	}

	private static FrontPage frontPageOf(Timed page) {
		return JSON.readValue(page.answer().body(), FrontPage.class);
	}

	/**
	 * Sends the page views and orders from {@value #CLIENTS} clients at once, orders spread evenly
	 * among page views, and times each in real time.
	 */
	private Phase drive(String name, int pages, int orders) throws InterruptedException, ExecutionException {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<Timed>> answers = new ArrayList<>();
		long start = System.nanoTime();
		int requests = pages + orders;
		for (int request = 0; request < requests; request++) {
			boolean order = ((long) (request + 1) * orders / requests) > ((long) request * orders / requests);
			Kind kind = order ? Kind.ORDER : Kind.PAGE;
			answers.add(clients.submit(() -> send(kind)));
		}
		clients.shutdown();
		boolean ended = clients.awaitTermination(PHASE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
		clients.shutdownNow();
		assertThat(ended).as("%s ended within %s", name, PHASE_BOUND).isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		List<Timed> timed = new ArrayList<>();
		for (Future<Timed> answer : answers) {
			timed.add(answer.get());
		}
		Phase phase = new Phase(name, timed, took);
		PHASES.add(phase);
		return phase;
	}

	private Timed send(Kind kind) {
		long start = System.nanoTime();
		Answer answer = (kind == Kind.PAGE) ? this.shop.frontPageAnswer() : this.shop.placeOrderAnswer();
		return new Timed(kind, answer, Duration.ofNanos(System.nanoTime() - start));
	}

	private void simulateAll(String behaviour) {
		for (String service : List.of("recommendations", "time", "invoices")) {
			this.shop.simulate(service, behaviour);
		}
	}

	private static String slow(Duration latency) {
		return "{\"mode\": \"slow\", \"latencyMs\": " + latency.toMillis() + "}";
	}

	private Counts counts() {
		return new Counts(this.shop.requestsSeen("recommendations"), this.actuator.timeLimiter("time"),
				this.actuator.circuitBreaker("time").notPermittedCalls(), this.actuator.timeLimiter("invoices"),
				this.actuator.retry("invoices"), this.shop.invoiceStats());
	}

	/**
	 * Returns the retries of invoices during the phase plus its orders that failed: the number of
	 * attempts that failed, since each is followed by a retry unless it ends its order.
	 */
	private long retriesAndFailedOrders(Phase phase, Counts before) {
		long retries = this.actuator.retry("invoices").retryAttempts() - before.retries().retryAttempts();
		return retries + phase.orders().size() - phase.confirmations().size();
	}

	private static long calls(RetryView retries) {
		return retries.successfulWithoutRetry() + retries.successfulWithRetry() + retries.failedWithoutRetry()
				+ retries.failedWithRetry();
	}

	private Actuator.CircuitBreakerView breaker() {
		return this.actuator.circuitBreaker("recommendations");
	}

	/** Waits for requests that the shop gave up on, but that reach the simulated service late. */
	private static ConditionFactory eventually() {
		return await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5));
	}

	/**
	 * What the shop and its simulated services had counted before a phase; {@code timeRefused}:
	 * calls of time that its open breaker refused, which never reach the time limiter.
	 */
	private record Counts(long recommendationsSeen, TimeLimiterView time, long timeRefused,
			TimeLimiterView invoiceTimeLimit, RetryView retries, InvoiceStats invoices) {
	}

	private enum Kind {

		PAGE, ORDER

	}

	private record Timed(Kind kind, Answer answer, Duration took) {
	}

	private record Phase(String name, List<Timed> answers, Duration took) {

		List<Timed> pages() {
			return of(Kind.PAGE);
		}

		List<Timed> orders() {
			return of(Kind.ORDER);
		}

		List<OrderConfirmation> confirmations() {
			return orders().stream()
				.filter((order) -> order.answer().status().equals(HttpStatus.OK))
				.map((order) -> JSON.readValue(order.answer().body(), OrderConfirmation.class))
				.toList();
		}

		Duration slowest(Kind kind) {
			return of(kind).stream().map(Timed::took).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
		}

		private List<Timed> of(Kind kind) {
			return this.answers.stream().filter((answer) -> answer.kind() == kind).toList();
		}

	}

	/** Real time that can skip the waits between phases. */
	@TestConfiguration(proxyBeanMethods = false)
	static class SkippableTime {

		@Bean
		FastForwardClock fastForwardClock() {
			return new FastForwardClock();
		}

	}

}
