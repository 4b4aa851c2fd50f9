package dev.resilience.sample.shop.storm;

import org.springframework.stereotype.Service;

import dev.resilience.annotation.Retryable;

/**
 * The middle layer of the storm: a service that retries its call of the {@link InventoryClient},
 * which retries too.
 */
@Service
public class StockService {

	private final InventoryClient inventory;

	StockService(InventoryClient inventory) {
		this.inventory = inventory;
	}

	@Retryable(name = "storm-stock")
	public Stock stockOf(String sku) {
		return this.inventory.stockOf(sku);
	}

}
