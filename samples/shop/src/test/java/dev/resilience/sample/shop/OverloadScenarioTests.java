package dev.resilience.sample.shop;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.sample.shop.Actuator.ConcurrencyLimitView;
import dev.resilience.sample.shop.Load.Answer;
import dev.resilience.sample.shop.Shop.LoadStats;
import dev.resilience.sample.shop.reviews.Reviews;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A burst overloads a slow dependency, over real loopback HTTP and in real time: {@value #CLIENTS}
 * clients ({@link Load}, as {@code wrk}) view the reviews of a product while the review service
 * slows down in proportion to the requests it has in flight beyond its capacity. Through the
 * adaptive concurrency limit of application.yml, the page keeps answering fast: the limit falls
 * below its start, and the calls past it get "Reviews are busy" at once; health answers all along.
 * The same burst on the twin path without a limit queues every view in the review service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OverloadScenarioTests {

	private static final int CLIENTS = 64;

	private static final Duration BURST = Duration.ofSeconds(3);

	private static final int LATENCY_MS = 100;

	private static final int CAPACITY = 4;

	/** 100 ms while at most 4 requests are in flight, 100 ms x in-flight / 4 beyond. */
	private static final String SATURATING = "{\"mode\": \"saturating\", \"latencyMs\": " + LATENCY_MS
			+ ", \"capacity\": " + CAPACITY + "}";

	private static final String LIMITED = "/products/release-it/reviews";

	private static final String UNLIMITED = "/unlimited/products/release-it/reviews";

	/** Room for a loaded machine: {@value #CLIENTS} clients and the shop share its processors. */
	private static final Duration MARGIN = Duration.ofSeconds(1);

	private static final Duration HEALTH_EVERY = Duration.ofMillis(200);

	private static final JsonMapper JSON = JsonMapper.shared();

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	/**
	 * Loads classes and opens connections on both paths, with two clients at a time: the review
	 * service answers in its base latency, the lowest the adaptive limit will see, and the limit
	 * stays where it starts, since the calls never use half its slots.
	 */
	@BeforeAll
	static void warmUp(@LocalServerPort int port) throws Exception {
		Shop shop = new Shop(port);
		shop.warmUp();
		shop.simulate("reviews", SATURATING);
		new Load(Load.page(port, LIMITED), 2, () -> 0).run(Duration.ofMillis(500));
		new Load(Load.page(port, UNLIMITED), 2, () -> 0).run(Duration.ofMillis(500));
	}

	@Test
	void theLimitKeepsThePageFastUnderABurstWhileWithoutItEveryViewWaitsInTheQueue() throws Exception {
		Shop shop = new Shop(this.port);
		Actuator actuator = shop.actuator();
		ConcurrencyLimitConfig config = this.registry.concurrencyLimit("reviews").config();
		shop.simulate("reviews", SATURATING);
		ConcurrencyLimitView before = actuator.concurrencyLimit("reviews");

		List<Probe> health = new CopyOnWriteArrayList<>();
		Load.Result limited = whileProbingHealth(health,
				() -> new Load(Load.page(this.port, LIMITED), CLIENTS, () -> 0).run(BURST));
		ConcurrencyLimitView after = actuator.concurrencyLimit("reviews");
		LoadStats reviewsWithLimit = shop.reviewStats();

		shop.simulate("reviews", SATURATING);
		Load.Result unlimited = new Load(Load.page(this.port, UNLIMITED), CLIENTS, () -> 0).run(BURST);
		LoadStats reviewsWithoutLimit = shop.reviewStats();

		Map<String, Long> withLimit = limited.countBy(OverloadScenarioTests::whatItShows);
		System.out.println(summary("reviews with the adaptive limit", limited) + "; " + withLimit + "; limit "
				+ before.limit() + " -> " + after.limit() + ", at most " + reviewsWithLimit.mostInFlight()
				+ " in flight at the review service; health: " + health.size() + " probes, slowest "
				+ slowest(health).toMillis() + " ms");
		System.out.println(summary("reviews without a limit", unlimited) + "; "
				+ unlimited.countBy(OverloadScenarioTests::whatItShows) + "; at most "
				+ reviewsWithoutLimit.mostInFlight() + " in flight at the review service");
		Duration boundWithLimit = latencyAt(config.limit()).plus(MARGIN);
		assertSoftly((softly) -> {
			softly.assertThat(withLimit).as("every answer, with the limit").containsOnlyKeys("reviews", "busy");
			softly.assertThat(withLimit.get("busy"))
				.as("one busy page per call the limit refused")
				.isEqualTo(after.rejectedCalls() - before.rejectedCalls());
			softly.assertThat(withLimit.get("reviews"))
				.as("one page with reviews per call the limit let through")
				.isEqualTo(after.permittedCalls() - before.permittedCalls());
			softly.assertThat(after.limit()).as("the limit, measured under the burst").isLessThan(config.limit());
			softly.assertThat(limited.percentile(99))
				.as("p99 with the limit, within the latency at the starting limit and a margin")
				.isLessThanOrEqualTo(boundWithLimit);
			softly.assertThat(reviewsWithLimit.mostInFlight())
				.as("most calls in flight at the review service with the limit")
				.isLessThanOrEqualTo(config.maxLimit());
			softly.assertThat(health).as("health probes during the burst").hasSizeGreaterThanOrEqualTo(
					(int) (BURST.toMillis() / HEALTH_EVERY.toMillis() / 2));
			softly.assertThat(health).as("health answered, as fast as the page").allSatisfy((probe) -> {
				softly.assertThat(probe.status()).isEqualTo(200);
				softly.assertThat(probe.took()).isLessThanOrEqualTo(boundWithLimit);
			});
			softly.assertThat(unlimited.countBy(OverloadScenarioTests::whatItShows))
				.as("every answer, without a limit")
				.containsOnlyKeys("reviews");
			softly.assertThat(unlimited.percentile(50))
				.as("p50 without a limit, slower than p99 with it")
				.isGreaterThan(limited.percentile(99));
			softly.assertThat(reviewsWithoutLimit.mostInFlight())
				.as("without a limit, every client waits in the review service")
				.isGreaterThan(config.maxLimit());
		});
	}

	/** The latency of the review service with the given requests in flight. */
	private static Duration latencyAt(int inFlight) {
		return Duration.ofMillis((long) LATENCY_MS * Math.max(inFlight, CAPACITY) / CAPACITY);
	}

	/** Runs the load while {@code GET /actuator/health} is sent every {@link #HEALTH_EVERY}. */
	private Load.Result whileProbingHealth(List<Probe> probes, LoadRun load) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest request = HttpRequest.newBuilder(Load.page(this.port, "/actuator/health"))
			.timeout(Duration.ofSeconds(10))
			.build();
		ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
		try {
			prober.scheduleWithFixedDelay(() -> {
				long start = System.nanoTime();
				int status;
				try {
					status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				}
				catch (Exception ex) {
					status = 0;
				}
				probes.add(new Probe(status, Duration.ofNanos(System.nanoTime() - start)));
			}, HEALTH_EVERY.toMillis(), HEALTH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
			return load.run();
		}
		finally {
			// not shutdownNow: interrupting a probe in flight would record it as unanswered
			prober.shutdown();
			prober.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private static Duration slowest(List<Probe> probes) {
		return probes.stream().map(Probe::took).max(Duration::compareTo).orElse(Duration.ZERO);
	}


	/** What an answer shows: reviews, the busy note, or anything else as it came. */
	private static String whatItShows(Answer answer) {
		if (answer.status() == 200) {
			Reviews reviews = JSON.readValue(answer.body(), Reviews.class);
			if (reviews.note() == null && !reviews.reviews().isEmpty()) {
				return "reviews";
			}
			if (Reviews.BUSY.equals(reviews.note())) {
				return "busy";
			}
		}
		return "status " + answer.status() + ": " + answer.body();
	}

	private static String summary(String name, Load.Result load) {
		return String.format("Load, %s: %d clients, %.1f s: %,d pages, p50 %d ms, p99 %d ms, slowest %d ms", name,
				load.clients(), load.took().toMillis() / 1000.0, load.answers().size(), load.percentile(50).toMillis(),
				load.percentile(99).toMillis(), load.slowest().toMillis());
	}

		@FunctionalInterface
	private interface LoadRun {

		Load.Result run() throws Exception;

	}

	/** One request for health: its status (0: no answer) and how long it took. */
	private record Probe(int status, Duration took) {
	}

}
