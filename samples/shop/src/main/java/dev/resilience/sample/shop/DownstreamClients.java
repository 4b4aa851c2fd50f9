package dev.resilience.sample.shop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.client.RestClient;

/**
 * One {@link RestClient} per downstream service. The builder carries the connect and read
 * timeouts of {@code spring.http.clients.*}.
 *
 * <p>Lazy only because the simulated services live in this application: their URLs contain its
 * port, which is known once the server has started (tests use a random port).
 */
@Configuration(proxyBeanMethods = false)
class DownstreamClients {

	@Bean
	@Lazy
	RestClient recommendationsHttp(RestClient.Builder builder,
			@Value("${shop.downstream.recommendations}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	@Lazy
	RestClient invoicesHttp(RestClient.Builder builder, @Value("${shop.downstream.invoices}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	@Lazy
	RestClient timeHttp(RestClient.Builder builder, @Value("${shop.downstream.time}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	@Lazy
	RestClient inventoryHttp(RestClient.Builder builder, @Value("${shop.downstream.inventory}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	@Lazy
	RestClient reviewsHttp(RestClient.Builder builder, @Value("${shop.downstream.reviews}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	@Lazy
	RestClient catalogHttp(RestClient.Builder builder, @Value("${shop.downstream.catalog}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	@Lazy
	RestClient geocoderHttp(RestClient.Builder builder, @Value("${shop.downstream.geocoder}") String url) {
		return builder.baseUrl(url).build();
	}

}
