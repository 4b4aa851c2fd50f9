package dev.resilience.sample.shop.storm;

import org.springframework.stereotype.Service;

import dev.resilience.annotation.Retryable;

/**
 * The top layer of the storm: the product page retries its call of the {@link StockService},
 * which retries too.
 */
@Service
public class ProductPage {

	private final StockService stock;

	ProductPage(StockService stock) {
		this.stock = stock;
	}

	@Retryable(name = "storm-page")
	public Stock stockOf(String sku) {
		return this.stock.stockOf(sku);
	}

}
