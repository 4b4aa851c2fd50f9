package dev.resilience.sample.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop whose front page stays up while the services it calls fail. The services are simulated
 * under {@code /simulated/...}; switch their behaviour with {@code PUT /simulated/{service}/mode}.
 */
@SpringBootApplication
public class ShopApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShopApplication.class, args);
	}

}
