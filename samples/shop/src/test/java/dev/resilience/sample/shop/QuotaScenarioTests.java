package dev.resilience.sample.shop;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.sample.shop.Actuator.RateLimiterView;
import dev.resilience.sample.shop.Load.Answer;
import dev.resilience.sample.shop.Shop.QuotaStats;
import dev.resilience.sample.shop.stores.NearestStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A provider with a quota, over real loopback HTTP and in real time: the geocoder accepts 5
 * requests in any rolling second and counts those beyond, the 429s it would have sent.
 * {@value #CLIENTS} clients ({@link Load}) look up the store nearest to an address, each sending
 * its next lookup as soon as its last is answered: far more than the quota. Through the rate
 * limiter of application.yml the lookups are paced: they wait for their turn, and the geocoder
 * sees none beyond its quota.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QuotaScenarioTests {

	private static final int CLIENTS = 12;

	private static final Duration LOAD = Duration.ofSeconds(2);

	private static final String NEAREST_STORE = "/stores/nearest?address=Torstrasse%201";

	/** Room for a loaded machine: thread scheduling, garbage collection, JSON. */
	private static final Duration MARGIN = Duration.ofSeconds(1);

	private static final JsonMapper JSON = JsonMapper.shared();

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@BeforeAll
	static void warmUp(@LocalServerPort int port) {
		new Shop(port).warmUp();
	}

	@Test
	void lookupsFarBeyondTheQuotaArePacedAndTheGeocoderSeesNoneOverIt() throws Exception {
		Shop shop = new Shop(this.port);
		Actuator actuator = shop.actuator();
		RateLimiterConfig config = this.registry.rateLimiter("geocoder").config();
		shop.simulate("geocoder", "{\"mode\": \"healthy\"}");
		QuotaStats before = shop.geocoderStats();
		RateLimiterView limiterBefore = actuator.rateLimiter("geocoder");
		long waitedBefore = actuator.rateLimiterWaitedCalls("geocoder");

		Load.Result load = new Load(Load.page(this.port, NEAREST_STORE), CLIENTS, () -> 0)
			.run(LOAD);

		QuotaStats after = shop.geocoderStats();
		RateLimiterView limiterAfter = actuator.rateLimiter("geocoder");
		long waited = actuator.rateLimiterWaitedCalls("geocoder") - waitedBefore;
		Map<String, Long> pages = load.countBy(QuotaScenarioTests::whatItShows);
		long requests = after.requestsSeen() - before.requestsSeen();
		System.out.printf(
				"Load, nearest store: %d clients, %.1f s: %d pages %s, slowest %d ms; geocoder: %d requests, %d over "
						+ "its quota of %d per second, busiest second %d; rate limiter: %d waited, %d rejected%n",
				CLIENTS, load.took().toMillis() / 1000.0, load.answers().size(), pages, load.slowest().toMillis(),
				requests, after.overQuota() - before.overQuota(), after.quotaPerSecond(), after.busiestSecond(), waited,
				limiterAfter.rejectedCalls() - limiterBefore.rejectedCalls());
		assertThat(config.limit() * Duration.ofSeconds(1).toNanos())
			.as("the shop's limit fits within the quota: %d per %s", config.limit(), config.period())
			.isLessThanOrEqualTo(after.quotaPerSecond() * config.period().toNanos());
		assertSoftly((softly) -> {
			softly.assertThat(after.overQuota() - before.overQuota()).as("requests over the quota").isZero();
			softly.assertThat(after.busiestSecond())
				.as("most requests in one second")
				.isLessThanOrEqualTo(after.quotaPerSecond());
			softly.assertThat(pages.keySet()).as("every answer").isSubsetOf("store", "busy").contains("store");
			softly.assertThat(pages.get("store")).as("one geocoder request per store shown").isEqualTo(requests);
			softly.assertThat(limiterAfter.permittedCalls() - limiterBefore.permittedCalls())
				.as("calls the rate limiter let start")
				.isEqualTo(requests);
			softly.assertThat(pages.getOrDefault("busy", 0L))
				.as("one busy page per call the rate limiter refused")
				.isEqualTo(limiterAfter.rejectedCalls() - limiterBefore.rejectedCalls());
			softly.assertThat(waited).as("calls that waited for their turn").isPositive();
			softly.assertThat(load.slowest())
				.as("slowest lookup: its wait for a turn, at most max-wait, and the call")
				.isLessThanOrEqualTo(config.maxWait().plus(MARGIN));
		});
	}


	/** What an answer shows: a store, the busy note, or anything else as it came. */
	private static String whatItShows(Answer answer) {
		if (answer.status() == 200) {
			NearestStore nearest = JSON.readValue(answer.body(), NearestStore.class);
			if (nearest.store() != null && nearest.note() == null) {
				return "store";
			}
			if (NearestStore.BUSY.equals(nearest.note())) {
				return "busy";
			}
		}
		return "status " + answer.status() + ": " + answer.body();
	}

}
