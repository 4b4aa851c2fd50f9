package dev.resilience.sample.shop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.sample.shop.Actuator.ConcurrencyLimitView;
import dev.resilience.sample.shop.Actuator.RateLimiterView;
import dev.resilience.sample.shop.DashboardQueries.LabelMatcher;
import dev.resilience.sample.shop.DashboardQueries.Selector;
import dev.resilience.sample.shop.PrometheusScrape.Series;
import dev.resilience.sample.shop.reviews.Reviews;
import dev.resilience.sample.shop.stores.NearestStore;
import dev.resilience.test.ManualClock;
import dev.resilience.test.ManualResilienceClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard of the sample, {@code grafana/resilience-dashboard.json}, against what
 * the shop exposes: after traffic through every policy (a breaker that opens, rejects and closes
 * again, a time limit cut off, retries past their budget, a call refused by the concurrency limit
 * of reviews, geocoder lookups that wait for their turn or are refused, a product's details through the
 * hedge, a fault injected), every metric and every
 * label that a panel's PromQL or the {@code name} variable uses is in {@code /actuator/prometheus},
 * and every meter of the starter there has a panel. Time is manual, as in
 * {@link ShopScenarioTests}: the breaker's wait in the open state, retry delays and the wait for a
 * turn of the rate limiter pass at once. The context, whose clock and limits the traffic moves, is
 * closed after these tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ManualResilienceClock
@DirtiesContext
class DashboardMetricsTests {

	private static final Path DASHBOARD = Path.of("grafana/resilience-dashboard.json");

	/**
	 * Metrics that the dashboard shows and this run cannot produce: the decisions a Redis store
	 * made locally exist only where a limiter keeps its state in Redis, which this sample does not
	 * (the starter's own Redis tests count them). Any other metric a query uses must be in the
	 * scrape.
	 */
	private static final Set<String> PENDING = Set.of("resilience_redis_fallbacks_total");

	private static final String FAILING = "{\"mode\": \"failing\", \"status\": 503}";

	private static final String HEALTHY = "{\"mode\": \"healthy\"}";

	private static final String ADDRESS = "Torstrasse 1";

	/** The most any wait of these tests takes; they take milliseconds. */
	private static final Duration AT_MOST = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private ManualClock clock;

	private Shop shop;

	private Actuator actuator;

	@BeforeAll
	static void warmUp(@LocalServerPort int port) {
		new Shop(port).warmUp();
	}

	@BeforeEach
	void healEverything() {
		this.shop = new Shop(this.port);
		this.actuator = this.shop.actuator();
		this.shop.healAll();
		this.actuator.closeCircuitBreaker("recommendations");
		this.actuator.closeCircuitBreaker("time");
		// Two windows later, the budgets and the rate limiter have forgotten the calls made so far.
		this.clock.advance(this.registry.retry("storm-inventory").config().budget().window().multipliedBy(2));
	}

	@Test
	void everyMetricAndLabelThePanelsQueryIsScrapedAfterTrafficThroughEveryPolicy() throws Exception {
		openRejectAndCloseTheRecommendationsBreaker();
		timeOutTheTimeService();
		clickUntilTheRetryBudgetIsExhausted();
		overloadTheReviewsUntilTheConcurrencyLimitRejects();
		lookUpStoresUntilTheRateLimiterWaitsAndRejects();
		viewAProductsDetailsThroughTheHedge();
		injectLatencyIntoTheProductDetails();

		PrometheusScrape scrape = this.actuator.prometheus();
		List<Selector> selectors = DashboardQueries.selectors(DashboardQueries.read(DASHBOARD));

		List<String> unmatched = new ArrayList<>();
		for (Selector selector : selectors) {
			List<String> metrics = scrape.metrics().stream().filter(selector::selectsMetric).toList();
			if (metrics.isEmpty() && selector.metric() != null && PENDING.contains(selector.metric())) {
				continue;
			}
			boolean found = metrics.stream()
				.flatMap((metric) -> scrape.series(metric).stream())
				.anyMatch((series) -> selects(selector, series));
			if (!found) {
				unmatched.add(selector + ", in " + selector.query() + "; scraped: "
						+ metrics.stream().flatMap((metric) -> scrape.series(metric).stream()).toList());
			}
		}
		assertThat(unmatched).as("queries of the dashboard that select no scraped series, with every label they need")
			.isEmpty();
		assertThat(selectors).extracting(Selector::metric)
			.as("the pending metrics are the dashboard's")
			.containsAll(PENDING);
		Set<String> shown = selectors.stream()
			.map(Selector::metric)
			.filter(Objects::nonNull)
			.collect(Collectors.toCollection(HashSet::new));
		assertThat(scrape.metrics()).filteredOn((metric) -> metric.startsWith("resilience_"))
			.as("the starter's meters, each shown by a panel")
			.isNotEmpty()
			.isSubsetOf(shown);
		assertSoftly((softly) -> {
			softly.assertThat(scrape.value("resilience_circuitbreaker_transitions_total", "name", "recommendations",
					"from", "closed", "to", "open"))
				.as("breaker opened")
				.isPositive();
			softly.assertThat(scrape.value("resilience_circuitbreaker_transitions_total", "name", "recommendations",
					"from", "half_open", "to", "closed"))
				.as("breaker closed again")
				.isPositive();
			softly.assertThat(scrape.value("resilience_circuitbreaker_calls_seconds_count", "name", "recommendations",
					"outcome", "rejected"))
				.as("calls the open breaker rejected")
				.isPositive();
			softly.assertThat(scrape.value("resilience_timelimiter_calls_total", "name", "time", "outcome", "timeout"))
				.as("timeouts")
				.isPositive();
			softly.assertThat(scrape.value("resilience_retry_budget_exhausted_total", "name", "storm-inventory"))
				.as("retries refused by the budget")
				.isPositive();
			softly.assertThat(scrape.value("resilience_concurrencylimit_calls_total", "name", "reviews", "outcome",
					"rejected"))
				.as("calls refused a slot")
				.isPositive();
			softly.assertThat(scrape.value("resilience_ratelimiter_calls_total", "name", "geocoder", "outcome", "waited"))
				.as("lookups that waited for their turn")
				.isPositive();
			softly.assertThat(scrape.value("resilience_ratelimiter_calls_total", "name", "geocoder", "outcome",
					"rejected"))
				.as("lookups refused a turn")
				.isPositive();
			softly.assertThat(scrape.value("resilience_hedge_calls_total", "name", "product-details", "outcome",
					"first_won"))
				.as("hedged calls the first attempt answered")
				.isPositive();
			softly.assertThat(scrape.value("resilience_faults_injected_total", "name", "product-details", "fault",
					"latency"))
				.as("faults injected")
				.isEqualTo(1);
			softly.assertThat(scrape.value("resilience_fallback_calls_total", "cause", "CallNotPermittedException"))
				.as("fallbacks for an open breaker")
				.isPositive();
			softly.assertThat(scrape.value("resilience_fallback_calls_total", "cause", "LimitExceededException"))
				.as("fallbacks for a limit")
				.isPositive();
		});
	}

	@Test
	void theDashboardAsksForAPrometheusDataSourceAndFiltersEveryPanelByName() {
		JsonNode dashboard = DashboardQueries.read(DASHBOARD);

		assertThat(dashboard.path("schemaVersion").asInt()).as("Grafana 10 or newer").isGreaterThanOrEqualTo(38);
		JsonNode input = dashboard.path("__inputs").path(0);
		assertThat(input.path("name").asString()).isEqualTo("DS_PROMETHEUS");
		assertThat(input.path("pluginId").asString()).isEqualTo("prometheus");
		List<JsonNode> variables = List.copyOf(dashboard.path("templating").path("list").values());
		assertThat(variables).extracting((variable) -> variable.path("name").asString())
			.containsExactly("DS_PROMETHEUS", "name");
		assertThat(variables.get(0).path("type").asString()).isEqualTo("datasource");
		assertThat(variables.get(0).path("query").asString()).isEqualTo("prometheus");
		JsonNode name = variables.get(1);
		assertThat(name.path("datasource").path("uid").asString()).isEqualTo("${DS_PROMETHEUS}");
		assertThat(DashboardQueries.variableQuery(name)).startsWith("label_values(");
		assertThat(name.path("includeAll").asBoolean()).isTrue();
		assertThat(name.path("multi").asBoolean()).isTrue();
		List<JsonNode> panels = DashboardQueries.panels(dashboard);
		assertThat(panels).extracting((panel) -> panel.path("id").asInt()).doesNotHaveDuplicates();
		assertThat(panels).allSatisfy((panel) -> {
			assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${DS_PROMETHEUS}");
			assertThat(panel.path("targets").values()).isNotEmpty().allSatisfy((target) -> {
				assertThat(target.path("datasource").path("uid").asString()).isEqualTo("${DS_PROMETHEUS}");
				assertThat(target.path("expr").asString()).isNotBlank();
			});
		});
		assertThat(DashboardQueries.selectors(dashboard)).filteredOn((selector) -> selector.where().startsWith("panel"))
			.isNotEmpty()
			.allSatisfy((selector) -> assertThat(selector.matchers()).as(selector.toString())
				.contains(new LabelMatcher("name", "=~", "$name")));
	}

	/** Whether a series is one a selector selects, with every label its query needs. */
	private static boolean selects(Selector selector, Series series) {
		return selector.matchers()
			.stream()
			.filter((matcher) -> !matcher.label().equals("__name__"))
			.allMatch((matcher) -> matcher.matches(series.label(matcher.label())))
				&& series.labels().keySet().containsAll(selector.labels());
	}

	/** Fails recommendations until the breaker opens, has it reject a call, and closes it with trial calls. */
	private void openRejectAndCloseTheRecommendationsBreaker() {
		CircuitBreakerConfig config = this.registry.circuitBreaker("recommendations").config();
		this.shop.simulate("recommendations", FAILING);
		for (int call = 1; call <= config.minimumCalls(); call++) {
			this.shop.frontPage();
		}
		assertThat(this.actuator.circuitBreaker("recommendations").state()).isEqualTo("OPEN");
		long rejectedBefore = this.actuator.circuitBreaker("recommendations").notPermittedCalls();
		assertThat(this.shop.frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
		assertThat(this.actuator.circuitBreaker("recommendations").notPermittedCalls()).isEqualTo(rejectedBefore + 1);
		this.shop.simulate("recommendations", HEALTHY);
		this.clock.advance(config.waitInOpen());
		for (int trial = 1; trial <= config.halfOpenCalls(); trial++) {
			this.shop.frontPage();
		}
		assertThat(this.actuator.circuitBreaker("recommendations").state()).isEqualTo("CLOSED");
	}

	/** A caller that waits 300ms for the front page while the time service takes 3s. */
	private void timeOutTheTimeService() {
		long timedOutBefore = this.actuator.timeLimiter("time").timedOut();
		this.shop.simulate("time", "{\"mode\": \"slow\", \"latencyMs\": 3000}");
		assertThat(this.shop.frontPage("300").time()).isEqualTo("Time not available");
		assertThat(this.actuator.timeLimiter("time").timedOut()).isGreaterThan(timedOutBefore);
		this.shop.simulate("time", HEALTHY);
	}

	/**
	 * Clicks the storm's page while the inventory fails: each click retries 48 times at the
	 * inventory client, whose budget allows about 100 retries in its window.
	 */
	private void clickUntilTheRetryBudgetIsExhausted() {
		long exhaustedBefore = this.actuator.retry("storm-inventory").budgetExhausted();
		this.shop.simulate("inventory", FAILING);
		for (int click = 1; click <= 10
				&& this.actuator.retry("storm-inventory").budgetExhausted() == exhaustedBefore; click++) {
			assertThat(this.shop.click()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		}
		assertThat(this.actuator.retry("storm-inventory").budgetExhausted()).isGreaterThan(exhaustedBefore);
		this.shop.simulate("inventory", HEALTHY);
	}

	/**
	 * Holds as many review calls in the hung review service as the concurrency limit allows, then
	 * asks once more: that call gets no slot, and the page says "Reviews are busy".
	 */
	private void overloadTheReviewsUntilTheConcurrencyLimitRejects() throws Exception {
		ConcurrencyLimitView before = this.actuator.concurrencyLimit("reviews");
		int limit = before.limit();
		this.shop.simulate("reviews", "{\"mode\": \"hung\"}");
		ExecutorService readers = Executors.newFixedThreadPool(limit);
		try {
			List<Future<Reviews>> held = new ArrayList<>();
			for (int reader = 0; reader < limit; reader++) {
				held.add(readers.submit(() -> this.shop.reviews("release-it")));
			}
			await().atMost(AT_MOST).until(() -> this.actuator.concurrencyLimit("reviews").inFlight() == limit);
			assertThat(this.actuator.prometheus().value("resilience_concurrencylimit_inflight", "name", "reviews"))
				.as("the in-flight gauge")
				.isEqualTo(limit);
			assertThat(this.shop.reviews("release-it").note()).isEqualTo(Reviews.BUSY);
			this.shop.simulate("reviews", HEALTHY);
			for (Future<Reviews> call : held) {
				call.get(AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		finally {
			this.shop.simulate("reviews", HEALTHY);
			readers.shutdownNow();
		}
		assertThat(this.actuator.concurrencyLimit("reviews").rejectedCalls()).isEqualTo(before.rejectedCalls() + 1);
	}

	/**
	 * Fills the rate limiter of the geocoder, then looks up once for a caller that waits only
	 * 300ms (its turn comes later: refused) and once for one that waits longer (its turn comes).
	 */
	private void lookUpStoresUntilTheRateLimiterWaitsAndRejects() {
		int limit = this.registry.rateLimiter("geocoder").config().limit();
		RateLimiterView before = this.actuator.rateLimiter("geocoder");
		long waitedBefore = this.actuator.rateLimiterWaitedCalls("geocoder");
		for (int lookup = 1; lookup <= limit; lookup++) {
			assertThat(this.shop.nearestStore(ADDRESS).store()).isNotNull();
		}
		assertThat(this.shop.nearestStore(ADDRESS, "300").note()).isEqualTo(NearestStore.BUSY);
		assertThat(this.shop.nearestStore(ADDRESS).store()).isNotNull();
		assertThat(this.actuator.rateLimiter("geocoder").rejectedCalls()).isEqualTo(before.rejectedCalls() + 1);
		assertThat(this.actuator.rateLimiterWaitedCalls("geocoder")).isEqualTo(waitedBefore + 1);
	}

	/** Views a product's details: the catalog answers the first attempt, before any hedge is due. */
	private void viewAProductsDetailsThroughTheHedge() {
		double firstWonBefore = this.actuator.prometheus()
			.value("resilience_hedge_calls_total", "name", "product-details", "outcome", "first_won");
		assertThat(this.shop.productDetails("release-it").title()).isNotBlank();
		assertThat(this.actuator.prometheus()
			.value("resilience_hedge_calls_total", "name", "product-details", "outcome", "first_won"))
			.isEqualTo(firstWonBefore + 1);
	}

	/** A game day's fault: latency, which the manual clock's sleeper spends at once. */
	private void injectLatencyIntoTheProductDetails() {
		this.actuator.injectFaults("product-details", Map.of("latency", "1s"));
		try {
			assertThat(this.shop.productDetails("release-it").title()).isNotBlank();
		}
		finally {
			this.actuator.clearFaults("product-details");
		}
	}

}
