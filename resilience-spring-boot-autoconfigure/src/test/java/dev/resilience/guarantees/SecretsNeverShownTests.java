package dev.resilience.guarantees;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guarded methods that fail with a secret in their exception message, and were passed a password
 * and an e-mail address as arguments, leave neither on any endpoint of the starter (each list and
 * each instance, read over HTTP), in {@code /actuator/health}, in the meters or in the log, with
 * the starter's logging at {@code DEBUG}; the events and log lines are there, naming exception
 * classes only.
 */
@SpringBootTest(classes = SecretsNeverShownTests.SecretsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"management.endpoints.web.exposure.include=health,metrics,circuitbreakers,retries,timelimiters,resilienceevents",
				"management.endpoint.health.show-details=always", "logging.level.dev.resilience=DEBUG" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverShownTests {

	private static final String PASSWORD = "pw-Tr0ub4dor-hunter2";

	private static final String USER = "alice@example.com";

	private static final String TOKEN = "sess-7f3a9c1e-secret";

	private static final String[] PATHS = { "/actuator/circuitbreakers", "/actuator/circuitbreakers/accounts",
			"/actuator/retries", "/actuator/retries/accounts", "/actuator/timelimiters", "/actuator/resilienceevents",
			"/actuator/resilienceevents?name=accounts", "/actuator/resilienceevents?name=Accounts.login",
			"/actuator/health", "/actuator/metrics", "/actuator/metrics/resilience.fallback.calls",
			"/actuator/metrics/resilience.retry.calls" };

	@Autowired
	private RestTestClient client;

	@Autowired
	private Accounts accounts;

	@Test
	void noEndpointHealthMeterOrLogLineShowsMessagesOrArguments(CapturedOutput output) throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(this.accounts.login(USER, PASSWORD)).isEqualTo("denied");
		}
		assertThat(this.accounts.session(TOKEN)).isEqualTo("no session");

		StringBuilder everything = new StringBuilder();
		for (String path : PATHS) {
			String body = this.client.get().uri(path).exchange().returnResult(String.class).getResponseBody();
			assertThat(body).as(path).isNotBlank().doesNotContain(PASSWORD, USER, TOKEN, "hunter2", "login failed");
			everything.append(body);
		}
		assertThat(everything).as("the events are there")
			.contains("STATE_TRANSITION", "REJECTED", "RETRY", "TIMEOUT", "FALLBACK", "java.io.IOException");
		assertThat(output).as("the log lines are there")
			.contains("Circuit breaker 'accounts' CLOSED -> OPEN")
			.contains("Retry 'accounts' attempt 1 failed with java.io.IOException");
		assertThat(output.toString()).as("log").doesNotContain(PASSWORD, USER, TOKEN, "hunter2", "login failed");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SecretsApplication {

		@Bean
		ManualClock manualClock() {
			return new ManualClock();
		}

		@Bean
		Accounts accounts() {
			return new Accounts();
		}

	}

	/**
	 * Fails with the caller's arguments in its exception messages, through every policy.
	 */
	public static class Accounts {

		@Retryable(name = "accounts", maxAttempts = 2, delay = "10ms", jitter = 0)
		@CircuitGuarded(name = "accounts", slidingWindowSize = 2, minimumCalls = 2, waitInOpen = "1m")
		@TimeLimited(name = "accounts", timeout = "5s")
		@Fallback(method = "denied")
		public String login(String user, String password) throws IOException {
			throw new IOException("login failed for " + user + " with password " + password);
		}

		String denied(String user, String password, Throwable failure) {
			return "denied";
		}

		@TimeLimited(name = "sessions", timeout = "20ms")
		@Fallback(method = "noSession")
		public String session(String token) throws InterruptedException {
			new CountDownLatch(1).await();
			return token;
		}

		String noSession(String token) {
			return "no session";
		}

	}

}
