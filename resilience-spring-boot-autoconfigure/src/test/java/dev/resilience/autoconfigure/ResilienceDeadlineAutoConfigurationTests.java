package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.resilience.core.Deadline;
import dev.resilience.http.InboundDeadlineFilter;
import dev.resilience.http.InboundDeadlineWebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link ResilienceDeadlineAutoConfiguration}.
 */
class ResilienceDeadlineAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceDeadlineAutoConfiguration.class));

	@Test
	void runWhenServletApplicationShouldRegisterTheInboundFilter() {
		this.runner.run((context) -> assertThat(context).hasBean("resilienceInboundDeadlineFilter")
			.getBean("resilienceInboundDeadlineFilter")
			.isInstanceOf(FilterRegistrationBean.class));
	}

	@Test
	void runWhenInboundDefaultIsZeroAndHeaderIsCustomShouldRegisterTheInboundFilter() {
		this.runner.withPropertyValues("resilience.deadline.inbound-default=0s", "resilience.deadline.header=X-Budget_ms")
			.run((context) -> assertThat(context).hasBean("resilienceInboundDeadlineFilter"));
	}

	@Test
	void runWhenInboundDefaultIsNegativeShouldFail() {
		this.runner.withPropertyValues("resilience.deadline.inbound-default=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("resilience.deadline.inbound-default"));
	}

	@Test
	void runWhenHeaderIsNoHeaderNameShouldFail() {
		this.runner.withPropertyValues("resilience.deadline.header=Request Timeout")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("resilience.deadline.header"));
	}

	@Test
	void runWhenTheHeaderFormatIsGrpcShouldReadGrpcTimeout() {
		this.runner.withPropertyValues("resilience.deadline.header-format=grpc").run((context) -> {
			InboundDeadlineFilter filter = (InboundDeadlineFilter) context
				.getBean("resilienceInboundDeadlineFilter", FilterRegistrationBean.class)
				.getFilter();
			AtomicReference<Duration> seen = new AtomicReference<>();
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			request.addHeader("grpc-timeout", "300m");
			request.addHeader("X-Request-Timeout", "9000");

			filter.doFilter(request, new MockHttpServletResponse(),
					(in, out) -> seen.set(Deadline.current().remaining()));

			assertThat(seen.get()).isLessThanOrEqualTo(Duration.ofMillis(300)).isGreaterThan(Duration.ofMillis(200));
		});
	}

	@Test
	void runWhenDeadlinesAreDisabledShouldNotRegisterTheFilter() {
		this.runner.withPropertyValues("resilience.deadline.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("resilienceInboundDeadlineFilter"));
	}

	@Test
	void runWhenStarterIsDisabledShouldNotRegisterTheFilter() {
		this.runner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("resilienceInboundDeadlineFilter"));
	}

	@Test
	void runWhenReactiveApplicationShouldRegisterTheWebFilter() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceDeadlineAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(InboundDeadlineWebFilter.class);
				assertThat(context).doesNotHaveBean("resilienceInboundDeadlineFilter");
			});
	}

	@Test
	void runWhenNotAWebApplicationShouldNotRegisterTheFilter() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceDeadlineAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("resilienceInboundDeadlineFilter"));
	}

}
