package dev.resilience.guarantees;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The write operation of the {@code circuitbreakers} endpoint changes a breaker over the web only
 * where the user exposed that endpoint on the web with unrestricted access: not by default, not
 * when other endpoints or everything but it are exposed, not with read-only or no access, not
 * when it is exposed over JMX only. Requests go through Spring MVC's dispatcher and Actuator's
 * web endpoint mappings, as over HTTP. (This context runner binds enum values as written in the
 * enum, {@code READ_ONLY}; an application also takes {@code read-only}.)
 *
 * <p>Over a real port, the default exposure, read-only access and exposure are also tested in
 * {@code ResilienceEndpointsDefaultExposureTests}, {@code ResilienceEndpointsAccessTests} and
 * {@code ResilienceEndpointsIntegrationTests}.
 */
class WriteOperationExposureTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withUserConfiguration(ExposureApplication.class);

	@ParameterizedTest(name = "{0}")
	@MethodSource("notExposed")
	void writeOperationCannotChangeABreaker(String settings) {
		this.runner.withPropertyValues(settings.split(" ")).run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			int status = forceOpen(mvc);
			assertThat(status).isBetween(400, 499);
			assertThat(context.getBean(ResilienceRegistry.class).circuitBreaker("payments").state())
				.isEqualTo(State.CLOSED);
		});
	}

	static Stream<String> notExposed() {
		return Stream.of("spring.main.banner-mode=off",
				"management.endpoints.web.exposure.include=health,retries,timelimiters,resilienceevents",
				"management.endpoints.web.exposure.include=* management.endpoints.web.exposure.exclude=circuitbreakers",
				"management.endpoints.web.exposure.include=circuitbreakers management.endpoint.circuitbreakers.access=READ_ONLY",
				"management.endpoints.web.exposure.include=circuitbreakers management.endpoints.access.default=READ_ONLY",
				"management.endpoints.web.exposure.include=circuitbreakers management.endpoint.circuitbreakers.access=NONE",
				"management.endpoints.web.exposure.include=* management.endpoints.access.max-permitted=READ_ONLY",
				"spring.jmx.enabled=true management.endpoints.jmx.exposure.include=circuitbreakers");
	}

	@Test
	void writeOperationChangesABreakerWhereExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			assertThat(forceOpen(mvc)).isEqualTo(200);
			assertThat(context.getBean(ResilienceRegistry.class).circuitBreaker("payments").state())
				.isEqualTo(State.FORCED_OPEN);
		});
	}

	private static int forceOpen(MockMvc mvc) throws Exception {
		return mvc
			.perform(post("/actuator/circuitbreakers/payments").contentType(MediaType.APPLICATION_JSON)
				.content("{\"state\": \"FORCED_OPEN\"}"))
			.andReturn()
			.getResponse()
			.getStatus();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ExposureApplication {

		@Bean
		Payments payments() {
			return new Payments();
		}

	}

	static class Payments {

		@CircuitGuarded(name = "payments")
		public String pay() {
			return "paid";
		}

	}

}
