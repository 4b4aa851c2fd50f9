package dev.resilience.sample.shop.storm;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.Retryable;

/**
 * The bottom layer of the storm: asks the inventory database over HTTP, and retries when it is
 * unavailable. Four attempts here, under four attempts in {@link StockService}, under four in
 * {@link ProductPage}: 4 x 4 x 4 = 64 requests to the database for one click, unless the retry
 * budgets hold them back.
 */
@Service
public class InventoryClient {

	private final RestClient http;

	InventoryClient(@Lazy RestClient inventoryHttp) {
		this.http = inventoryHttp;
	}

	@Retryable(name = "storm-inventory")
	public Stock stockOf(String sku) {
		return this.http.get().uri("?sku={sku}", sku).retrieve().body(Stock.class);
	}

}
