package dev.resilience.sample.shop;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import tools.jackson.databind.json.JsonMapper;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.sample.shop.Actuator.TimeLimiterView;
import dev.resilience.sample.shop.Load.Answer;
import dev.resilience.sample.shop.simulator.Behaviour;
import dev.resilience.sample.shop.simulator.SimulatedServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The front page under load as a user would load it ({@code wrk}: {@value #CLIENTS} clients, each
 * sending its next request as soon as its last is answered), over real loopback HTTP and in real
 * time. With every service healthy, nothing the starter adds limits the shop: no call falls back,
 * fails or times out, however many run at once. With the time service hung, every page still
 * answers within the time limit, and the breaker of time keeps the calls that hang, and the
 * threads they hold, to a bound. Each test prints one line of figures: throughput, latency and
 * threads. Each scenario has an application context of its own; the healthy one runs first, so
 * that its thread counts, when this class runs alone, are those of one application.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class NoAccidentalLimitsLoadTests {

	private static final int CLIENTS = 64;

	private static final Duration LOAD = Duration.ofSeconds(4);

	/** Loads classes, compiles the hot paths and opens connections before anything is measured. */
	private static final Duration WARM_UP = Duration.ofSeconds(1);

	private static final String TIME_NOT_AVAILABLE = "Time not available";

	private static final String PAGE = "the page with recommendations and the time";

	private static final String PAGE_WITHOUT_TIME = "the page with recommendations, without the time";

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * Every service healthy. The clients keep the machine's processors busy, so every call waits
	 * for one. On two processors some wait for seconds (slowest page seen: 3.4 s): there the JDK's
	 * HTTP client behind {@code RestClient} starts a thread for every call, as
	 * {@code CompletableFuture} does for asynchronous work when the common pool has a single
	 * thread. A time limit or read timeout that ends such a call does its job; it is not a limit
	 * of its own. So that only such limits show, the time limit of time (500 ms) and the read
	 * timeout (3 s) are raised here to 10 s: what is left to fail a call is what this test looks
	 * for, a call refused because the threads that run time-limited work are busy (counted as
	 * {@code failed}), or one that waits behind them.
	 */
	@Nested
	@Order(1)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "resilience.time-limiter.instances.time.timeout=10s", "spring.http.clients.read-timeout=10s" })
	class EveryServiceHealthy {

		@LocalServerPort
		private int port;

		@Autowired
		private MeterRegistry meters;

		@Autowired
		private WebServerApplicationContext context;

		@BeforeAll
		static void warmUp(@LocalServerPort int port) throws Exception {
			warmUpTheShop(port);
		}

		@Test
		void noCallFallsBackFailsOrTimesOutHoweverManyRunAtOnce() throws Exception {
			Actuator actuator = new Shop(this.port).actuator();
			TimeLimiterView timeBefore = actuator.timeLimiter("time");
			Map<String, Double> fallbacksBefore = fallbacks(this.meters);

			Load.Result load = new Load(frontPage(this.port), CLIENTS, requestThreads(this.context)).run(LOAD);

			System.out.println(load.summary("every service healthy"));
			TimeLimiterView timeAfter = actuator.timeLimiter("time");
			Map<String, Double> fallbacks = since(fallbacksBefore, fallbacks(this.meters));
			assertSoftly((softly) -> {
				softly.assertThat(load.countBy(NoAccidentalLimitsLoadTests::whatItShows))
					.as("every answer")
					.containsOnlyKeys(PAGE);
				softly.assertThat(fallbacks).as("fallbacks, by instance and cause").isEmpty();
				softly.assertThat(timeAfter.failed() - timeBefore.failed()).as("failed calls of time").isZero();
				softly.assertThat(timeAfter.timedOut() - timeBefore.timedOut()).as("timed-out calls of time").isZero();
				softly.assertThat(timeAfter.successful() - timeBefore.successful())
					.as("one successful call of time per page")
					.isEqualTo(load.answers().size());
			});
		}

	}

	/**
	 * The time service hangs and ignores interruption. In production the time service is another
	 * server, and the threads its hung requests hold are its own. Here it runs in the shop's
	 * Tomcat, whose 200 threads would have to hold the {@value #CLIENTS} page views, the calls of
	 * recommendations they make (up to {@value #CLIENTS} more) and every call of time that hangs
	 * (up to {@value #CLIENTS} before the breaker opens): Tomcat would run out of threads for a
	 * reason the shop does not have in production, and fail the healthy recommendations with it.
	 * So Tomcat gets room for the simulated services' threads too.
	 */
	@Nested
	@Order(2)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.tomcat.threads.max=400")
	class TimeServiceHung {

		/**
		 * Beyond the time limit of time, what a page may take: the call of recommendations (healthy)
		 * and the page's own work, while {@value #CLIENTS} clients keep the machine's processors
		 * busy. On two processors, where the JDK's HTTP client starts a thread for every call, the
		 * slowest page took up to 1.3 s beyond the time limit. The bound stays below the read
		 * timeout of the HTTP client (3 s), so that a page that waited for the read timeout rather
		 * than the time limit fails the test.
		 */
		private static final Duration MARGIN = Duration.ofSeconds(2);

		@LocalServerPort
		private int port;

		@Autowired
		private ResilienceRegistry registry;

		@Autowired
		private SimulatedServices services;

		@Autowired
		private WebServerApplicationContext context;

		@Autowired
		private Environment environment;

		private Shop shop;

		@BeforeAll
		static void warmUp(@LocalServerPort int port) throws Exception {
			warmUpTheShop(port);
		}

		@BeforeEach
		void closeTheBreakerOfTime() {
			this.shop = new Shop(this.port);
			this.shop.actuator().closeCircuitBreaker("time");
		}

		/**
		 * Releases the requests the time service holds, so that their threads end and the server
		 * can stop. Directly, not over HTTP: the request would need a Tomcat thread, and when this
		 * test fails, hung requests may hold all of them.
		 */
		@AfterEach
		void releaseHeldRequests() {
			this.services.get("time").behave(Behaviour.HEALTHY);
		}

		@Test
		void everyPageAnswersWithinTheTimeLimitAndTheBreakerBoundsTheCallsThatHang() throws Exception {
			Duration timeLimit = this.registry.timeLimiter("time").config().timeout();
			Duration readTimeout = Binder.get(this.environment)
				.bind("spring.http.clients.read-timeout", Duration.class)
				.get();
			assertThat(timeLimit.plus(MARGIN)).as("bound of a page, below the read timeout").isLessThan(readTimeout);
			long seenBefore = this.services.get("time").requestsSeen();
			this.shop.simulate("time", "{\"mode\": \"hung\"}");

			Load.Result load = new Load(frontPage(this.port), CLIENTS, requestThreads(this.context)).run(LOAD);

			System.out.println(load.summary("time service hung"));
			long calledTime = this.services.get("time").requestsSeen() - seenBefore;
			String breaker = this.shop.actuator().circuitBreaker("time").state();
			System.out.printf("  calls of time that hung: %d (at most %d), breaker of time %s%n", calledTime,
					mostCallsOfABrokenService(load.took()), breaker);
			assertSoftly((softly) -> {
				softly.assertThat(load.countBy(NoAccidentalLimitsLoadTests::whatItShows))
					.as("every answer")
					.containsOnlyKeys(PAGE_WITHOUT_TIME);
				softly.assertThat(load.slowest()).as("slowest page").isLessThanOrEqualTo(timeLimit.plus(MARGIN));
				softly.assertThat(breaker).as("breaker of time").isEqualTo("OPEN");
				softly.assertThat(calledTime).as("calls of time, each holding a thread until released")
					.isPositive()
					.isLessThanOrEqualTo(mostCallsOfABrokenService(load.took()));
			});
		}

		/**
		 * The most calls the breaker of time lets through in the given time while every call
		 * fails: those its window records before it opens (it opens once {@code minimum-calls}
		 * have failed; failures recorded at the same moment may add a few, never more than the
		 * window holds), the call each client may have in flight when it opens, and the trial
		 * calls let through each time the wait in the open state passes.
		 */
		private long mostCallsOfABrokenService(Duration took) {
			CircuitBreakerConfig config = this.registry.circuitBreaker("time").config();
			long waitsPassed = took.toNanos() / config.waitInOpen().toNanos();
			return config.slidingWindowSize() + CLIENTS + waitsPassed * config.halfOpenCalls();
		}

	}

	private static void warmUpTheShop(int port) throws Exception {
		new Shop(port).warmUp();
		new Load(frontPage(port), CLIENTS, () -> 0).run(WARM_UP);
	}

	/** Counts the request threads of the application's Tomcat, those of the simulated services included. */
	private static IntSupplier requestThreads(WebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		ThreadPoolExecutor executor = (ThreadPoolExecutor) server.getTomcat()
			.getConnector()
			.getProtocolHandler()
			.getExecutor();
		return executor::getPoolSize;
	}


	/** What an answer shows: the page with or without what it calls, or a status. */
	private static String whatItShows(Answer answer) {
		if (answer.status() != 200) {
			return "status " + answer.status() + ": " + answer.body();
		}
		FrontPage page = JSON.readValue(answer.body(), FrontPage.class);
		boolean withTime = !TIME_NOT_AVAILABLE.equals(page.time());
		if (page.recommendations().equals(Recommendations.bestSellers())) {
			return "the page with best sellers, " + (withTime ? "with" : "without") + " the time";
		}
		return withTime ? PAGE : PAGE_WITHOUT_TIME;
	}

	/** Fallbacks so far ({@code resilience.fallback.calls}), by instance and cause. */
	private static Map<String, Double> fallbacks(MeterRegistry meters) {
		return meters.find("resilience.fallback.calls")
			.counters()
			.stream()
			.collect(Collectors.toMap(
					(counter) -> counter.getId().getTag("name") + " after " + counter.getId().getTag("cause"),
					Counter::count, Double::sum, TreeMap::new));
	}

	private static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> since = new TreeMap<>();
		after.forEach((key, count) -> {
			double added = count - before.getOrDefault(key, 0.0);
			if (added > 0) {
				since.put(key, added);
			}
		});
		return since;
	}

	private static URI frontPage(int port) {
		return Load.page(port, "/");
	}

}
