package dev.resilience.sample.shop.details;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.Hedged;

/**
 * Asks the catalog for a product's details. A few of the catalog's answers are slow for reasons
 * that have nothing to do with the request, so the call is hedged: when the catalog has not
 * answered after the 95th percentile of its recent latency, the same request goes out a second
 * time, and the first answer wins. Reading details is idempotent, which is what makes this safe.
 */
@Service
public class ProductDetailsClient {

	private final RestClient http;

	ProductDetailsClient(@Lazy RestClient catalogHttp) {
		this.http = catalogHttp;
	}

	@Hedged(name = "product-details", delay = "p95")
	public ProductDetails of(String product) {
		return call(product);
	}

	/** The same call without hedging, to compare: every slow answer reaches the page. */
	public ProductDetails withoutHedgingOf(String product) {
		return call(product);
	}

	private ProductDetails call(String product) {
		return this.http.get().uri("?product={product}", product).retrieve().body(ProductDetails.class);
	}

}
