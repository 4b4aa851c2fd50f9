package dev.resilience.sample.shop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.resilience.sample.shop.OrderController.OrderConfirmation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop as Spring AOT prepared it at build time ({@code process-aot}, before the tests), started
 * in a JVM of its own with {@code -Dspring.aot.enabled=true}: the starter's proxies, pipelines and
 * endpoints work from the generated bean definitions, a fallback answers for a broken
 * recommendation service, a retry gets an invoice through two failures, and the endpoints show it.
 */
class AotStartupTests {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@Test
	void theAotProcessedShopServesItsFallbacksRetriesAndEndpoints() throws Exception {
		assertThat(Path.of("target/spring-aot/main/sources")).as("process-aot ran before the tests").isDirectory();
		Process shop = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-cp", System.getProperty("java.class.path"),
				ShopApplication.class.getName(), "--server.port=0", "--spring.main.banner-mode=off"))
			.redirectErrorStream(true)
			.start();
		try {
			CompletableFuture<Integer> port = portOf(shop);
			Shop client = new Shop(port.get(STARTUP.toSeconds(), TimeUnit.SECONDS));

			client.simulate("recommendations", "{\"mode\": \"failing\"}");
			assertThat(client.frontPage().recommendations()).isEqualTo(Recommendations.bestSellers());
			client.simulate("invoices", "{\"mode\": \"failing\", \"times\": 2}");
			OrderConfirmation order = client.placeOrder();

			assertThat(order.invoice()).isNotNull();
			assertThat(client.actuator().retry("invoices").retryAttempts()).isEqualTo(2);
			assertThat(client.actuator().circuitBreaker("recommendations").failedCalls()).isEqualTo(1);
		}
		finally {
			shop.destroy();
			shop.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Reads the shop's log until it says which port it listens on; the log is kept draining. */
	private static CompletableFuture<Integer> portOf(Process shop) {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			StringBuilder log = new StringBuilder();
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(shop.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (!port.isDone()) {
						log.append(line).append('\n');
						Matcher matcher = PORT.matcher(line);
						if (matcher.find()) {
							port.complete(Integer.parseInt(matcher.group(1)));
						}
					}
				}
			}
			catch (Exception ex) {
				port.completeExceptionally(ex);
			}
			port.completeExceptionally(new IllegalStateException("The shop stopped before it listened:\n" + log));
		}, "aot-shop-log");
		reader.setDaemon(true);
		reader.start();
		return port;
	}

}
