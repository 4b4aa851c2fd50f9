package dev.resilience.sample.shop.reviews;

import java.util.List;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.Fallback;
import dev.resilience.core.LimitExceededException;

/**
 * Calls the review service, which slows down as more requests queue in it. At most as many calls
 * run at once as its concurrency limit allows, and the limit is measured from their latency: when
 * a burst makes the calls slower, it shrinks, and the calls past it get "Reviews are busy" at once
 * instead of joining the queue and making it longer for everyone.
 */
@Service
public class ReviewClient {

	private static final ParameterizedTypeReference<List<String>> TEXTS = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	ReviewClient(@Lazy RestClient reviewsHttp) {
		this.http = reviewsHttp;
	}

	@ConcurrencyLimited(name = "reviews")
	@Fallback(method = "withoutReviews")
	public Reviews of(String product) {
		return Reviews.of(product, call(product));
	}

	/** The same call without a limit, to compare: every call joins the queue. */
	public Reviews withoutLimitOf(String product) {
		return Reviews.of(product, call(product));
	}

	/** No slot was free: the review service has as many calls as it serves well. */
	Reviews withoutReviews(String product, LimitExceededException busy) {
		return Reviews.none(product, Reviews.BUSY);
	}

	/** The review service failed. */
	Reviews withoutReviews(String product) {
		return Reviews.none(product, Reviews.NOT_AVAILABLE);
	}

	private List<String> call(String product) {
		return this.http.get().uri("?product={product}", product).retrieve().body(TEXTS);
	}

}
