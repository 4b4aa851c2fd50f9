package dev.resilience.sample.shop;

import java.util.Map;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.TimeLimited;

/**
 * Calls the time service. The page does not wait for it longer than its time limit.
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

	@TimeLimited(name = "time")
	@Fallback(method = "timeNotAvailable")
	public String now() {
		return this.http.get().retrieve().body(JSON_OBJECT).get("time");
	}

	String timeNotAvailable() {
		return "Time not available";
	}

}
