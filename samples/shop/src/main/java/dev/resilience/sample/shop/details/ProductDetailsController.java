package dev.resilience.sample.shop.details;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

/**
 * A product's details: {@code GET /products/{product}}, through the hedged call of the catalog,
 * and, to compare under the same load, {@code GET /unhedged/products/{product}}, the same call
 * without hedging.
 */
@RestController
class ProductDetailsController {

	private final ProductDetailsClient details;

	ProductDetailsController(ProductDetailsClient details) {
		this.details = details;
	}

	@GetMapping("/products/{product}")
	ProductDetails details(@PathVariable String product) {
		return this.details.of(product);
	}

	@GetMapping("/unhedged/products/{product}")
	ProductDetails detailsWithoutHedging(@PathVariable String product) {
		return this.details.withoutHedgingOf(product);
	}

	/** Every attempt failed: the failure of the last, as it was. */
	@ExceptionHandler(RestClientException.class)
	ProblemDetail detailsUnavailable() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The product's details cannot be shown right now, please try again later");
	}

}
