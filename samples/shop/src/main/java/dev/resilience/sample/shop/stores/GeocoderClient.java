package dev.resilience.sample.shop.stores;

import java.util.Optional;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.RateLimited;

/**
 * Calls the geocoder, a provider whose terms allow a few requests per second. The rate limiter
 * keeps the shop within them: a burst of lookups is paced, each waiting for its turn, rather than
 * sent at once and answered with 429s; a lookup whose turn would come too late gets no location.
 */
@Service
public class GeocoderClient {

	private final RestClient http;

	GeocoderClient(@Lazy RestClient geocoderHttp) {
		this.http = geocoderHttp;
	}

	@RateLimited(name = "geocoder")
	@Fallback(method = "notNow")
	public Optional<Location> locate(String address) {
		return Optional.ofNullable(this.http.get().uri("?address={address}", address).retrieve().body(Location.class));
	}

	Optional<Location> notNow(String address) {
		return Optional.empty();
	}

}
