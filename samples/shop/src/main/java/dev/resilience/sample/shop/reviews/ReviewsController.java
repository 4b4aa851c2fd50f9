package dev.resilience.sample.shop.reviews;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

/**
 * The reviews of a product: {@code GET /products/{product}/reviews}, through the concurrency limit
 * of reviews, and, to compare under the same load, {@code GET /unlimited/products/{product}/reviews},
 * the same call without a limit.
 */
@RestController
class ReviewsController {

	private final ReviewClient reviews;

	ReviewsController(ReviewClient reviews) {
		this.reviews = reviews;
	}

	@GetMapping("/products/{product}/reviews")
	Reviews reviews(@PathVariable String product) {
		return this.reviews.of(product);
	}

	@GetMapping("/unlimited/products/{product}/reviews")
	Reviews reviewsWithoutLimit(@PathVariable String product) {
		return this.reviews.withoutLimitOf(product);
	}

	/** Without a limit and a fallback, a failed call of the review service fails the page. */
	@ExceptionHandler(RestClientException.class)
	ProblemDetail reviewsUnavailable() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, Reviews.NOT_AVAILABLE);
	}

}
