package dev.resilience.test.example;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;

/**
 * Reads the stock of a product from the inventory service; while the service fails, answers
 * "unknown" instead, and the breaker {@code inventory} stops calling it.
 */
@Component
public class InventoryClient {

	private final RestClient http;

	InventoryClient(@Value("${inventory.url}") String url) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(Duration.ofSeconds(1));
		this.http = RestClient.builder().baseUrl(url).requestFactory(requestFactory).build();
	}

	@CircuitGuarded(name = "inventory")
	@Fallback(method = "unknownStock")
	public String stock(String sku) {
		return this.http.get().uri("/stock/{sku}", sku).retrieve().body(String.class);
	}

	String unknownStock(String sku, Throwable failure) {
		return "unknown";
	}

}
