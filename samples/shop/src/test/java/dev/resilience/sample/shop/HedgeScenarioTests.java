package dev.resilience.sample.shop;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.resilience.core.Hedge;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.sample.shop.Load.Answer;
import dev.resilience.sample.shop.details.ProductDetails;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A slow tail, over real loopback HTTP and in real time: the catalog answers at once, except one
 * request in twenty, chosen at random, which takes a second. {@value #CLIENTS} clients
 * ({@link Load}, as {@code wrk}) view a product's details, first on the twin path without hedging,
 * where every slow answer reaches the page, then through {@code @Hedged(delay = "p95")}, where a
 * request not answered after the 95th percentile of the recent latency is sent again and the
 * first answer wins. The page's p99 falls from the slow latency to a small part of it, while the
 * catalog gets about one request in twenty more.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HedgeScenarioTests {

	private static final int CLIENTS = 16;

	private static final Duration LOAD = Duration.ofSeconds(4);

	private static final int SLOW_MS = 1000;

	private static final double SLOW_RATE = 0.05;

	private static final String SLOW_TAIL = "{\"mode\": \"slow-tail\", \"latencyMs\": " + SLOW_MS
			+ ", \"slowRate\": " + SLOW_RATE + "}";

	private static final String HEDGED = "/products/release-it";

	private static final String UNHEDGED = "/unhedged/products/release-it";

	/** Hedges per page beyond which the extra load is no longer "about the slow share". */
	private static final double MOST_EXTRA_LOAD = 2 * SLOW_RATE;

	private static final JsonMapper JSON = JsonMapper.shared();

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	/**
	 * Loads classes and opens connections on both paths under the load to come, so that the hedge
	 * measures its percentile from the latency this load gives, as it would in production.
	 */
	@BeforeAll
	static void warmUp(@LocalServerPort int port) throws Exception {
		Shop shop = new Shop(port);
		shop.warmUp();
		shop.simulate("catalog", SLOW_TAIL);
		new Load(Load.page(port, UNHEDGED), CLIENTS, () -> 0).run(Duration.ofSeconds(1));
		new Load(Load.page(port, HEDGED), CLIENTS, () -> 0).run(Duration.ofSeconds(1));
	}

	@Test
	void hedgingCutsThePagesTailForAboutTheSlowShareOfExtraRequests() throws Exception {
		Shop shop = new Shop(this.port);
		Hedge hedge = this.registry.hedge("product-details");
		shop.simulate("catalog", SLOW_TAIL);

		long seenBefore = shop.requestsSeen("catalog");
		Load.Result unhedged = new Load(Load.page(this.port, UNHEDGED), CLIENTS, () -> 0).run(LOAD);
		long seenUnhedged = shop.requestsSeen("catalog") - seenBefore;

		Hedge.Metrics before = hedge.metrics();
		seenBefore = shop.requestsSeen("catalog");
		Load.Result hedged = new Load(Load.page(this.port, HEDGED), CLIENTS, () -> 0).run(LOAD);
		long seenHedged = shop.requestsSeen("catalog") - seenBefore;
		Hedge.Metrics after = hedge.metrics();

		long hedgesSent = after.hedgesSent() - before.hedgesSent();
		long hedgeWins = after.hedgeWins() - before.hedgeWins();
		System.out.println(summary("details without hedging", unhedged, seenUnhedged));
		System.out.println(summary("details, hedged at p95", hedged, seenHedged) + "; " + hedgesSent
				+ " hedges sent, " + hedgeWins + " won, " + (after.budgetExhausted() - before.budgetExhausted())
				+ " refused by the budget; delay now " + Duration.ofNanos(hedge.delayNanos()).toMillis() + " ms");
		int pagesUnhedged = unhedged.answers().size();
		int pagesHedged = hedged.answers().size();
		assertSoftly((softly) -> {
			softly.assertThat(unhedged.countBy(HedgeScenarioTests::whatItShows))
				.as("every answer, without hedging")
				.containsOnlyKeys("details");
			softly.assertThat(hedged.countBy(HedgeScenarioTests::whatItShows))
				.as("every answer, hedged")
				.containsOnlyKeys("details");
			softly.assertThat(unhedged.percentile(99))
				.as("p99 without hedging: the slow answers reach the page")
				.isGreaterThanOrEqualTo(Duration.ofMillis(SLOW_MS));
			softly.assertThat(seenUnhedged).as("catalog requests without hedging: one per page")
				.isEqualTo(pagesUnhedged);
			softly.assertThat(hedged.percentile(99))
				.as("p99 hedged: a hedge answers the page long before the slow request")
				.isLessThan(Duration.ofMillis(SLOW_MS / 4));
			softly.assertThat(hedgeWins).as("hedges that answered the page").isPositive();
			softly.assertThat(seenHedged)
				.as("catalog requests hedged: one per page and at most one per hedge sent")
				.isBetween((long) pagesHedged, pagesHedged + hedgesSent);
			softly.assertThat((double) hedgesSent / pagesHedged)
				.as("hedges per page: about the slow share")
				.isGreaterThan(0)
				.isLessThanOrEqualTo(MOST_EXTRA_LOAD);
		});
	}


	/** What an answer shows: the details, or anything else as it came. */
	private static String whatItShows(Answer answer) {
		if (answer.status() == 200 && JSON.readValue(answer.body(), ProductDetails.class).title() != null) {
			return "details";
		}
		return "status " + answer.status() + ": " + answer.body();
	}

	private static String summary(String name, Load.Result load, long catalogRequests) {
		int pages = load.answers().size();
		return String.format(
				"Load, %s: %d clients, %.1f s: %,d pages, p50 %d ms, p99 %d ms, slowest %d ms; catalog: %,d requests "
						+ "(%+.1f %%)",
				name, load.clients(), load.took().toMillis() / 1000.0, pages, load.percentile(50).toMillis(),
				load.percentile(99).toMillis(), load.slowest().toMillis(), catalogRequests,
				100.0 * (catalogRequests - pages) / pages);
	}

	}
