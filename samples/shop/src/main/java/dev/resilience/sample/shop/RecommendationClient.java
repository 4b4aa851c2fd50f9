package dev.resilience.sample.shop;

import java.util.List;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;

/**
 * Calls the recommendation service. When it is broken the page shows best sellers instead, and
 * once the breaker is open the service is not even called: it gets time to recover.
 */
@Service
public class RecommendationClient {

	private static final ParameterizedTypeReference<List<String>> TITLES = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	RecommendationClient(@Lazy RestClient recommendationsHttp) {
		this.http = recommendationsHttp;
	}

	@CircuitGuarded(name = "recommendations")
	@Fallback(method = "bestSellers")
	public Recommendations forUser(String user) {
		return Recommendations.forYou(this.http.get().uri("?user={user}", user).retrieve().body(TITLES));
	}

	Recommendations bestSellers(String user) {
		return Recommendations.bestSellers();
	}

}
