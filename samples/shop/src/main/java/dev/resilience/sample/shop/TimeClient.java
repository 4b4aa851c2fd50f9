package dev.resilience.sample.shop;

import java.util.Map;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.TimeLimited;

/**
 * Calls the time service. The page does not wait for it longer than its time limit, and once
 * the service keeps failing or timing out, the breaker stops calling it for a while: a service
 * that hangs holds a thread for every call it receives, and the page gets its fallback at once.
 */
@Service
public class TimeClient {

	private static final ParameterizedTypeReference<Map<String, String>> JSON_OBJECT =
			new ParameterizedTypeReference<>() {
			};

	private final RestClient http;

	TimeClient(@Lazy RestClient timeHttp) {
		this.http = timeHttp;
	}

	@CircuitGuarded(name = "time")
	@TimeLimited(name = "time")
	@Fallback(method = "timeNotAvailable")
	public String now() {
		return this.http.get().retrieve().body(JSON_OBJECT).get("time");
	}

	String timeNotAvailable() {
		return "Time not available";
	}

}
