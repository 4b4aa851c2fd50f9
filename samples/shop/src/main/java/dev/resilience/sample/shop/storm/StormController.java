package dev.resilience.sample.shop.storm;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

import dev.resilience.core.ResilienceException;

/**
 * A click on a product page, which shows the book's stock through three layers that each retry:
 * {@link ProductPage}, {@link StockService} and {@link InventoryClient}. When the inventory
 * database is unavailable, count its requests with {@code GET /simulated/inventory/stats}.
 */
@RestController
class StormController {

	private final ProductPage productPage;

	StormController(ProductPage productPage) {
		this.productPage = productPage;
	}

	@GetMapping("/storm/click")
	Stock click(@RequestParam(defaultValue = "release-it") String sku) {
		return this.productPage.stockOf(sku);
	}

	/** Every layer gave up, or a retry budget or the request's deadline refused a retry. */
	@ExceptionHandler({ RestClientException.class, ResilienceException.class })
	ProblemDetail stockUnavailable() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The stock cannot be shown right now, please try again later");
	}

}
