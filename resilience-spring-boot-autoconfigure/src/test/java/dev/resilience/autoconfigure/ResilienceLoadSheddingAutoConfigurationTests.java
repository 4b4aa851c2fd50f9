package dev.resilience.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.pattern.PatternParseException;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.InboundDeadlineWebFilter;
import dev.resilience.http.LoadSheddingFilter;
import dev.resilience.http.LoadSheddingWebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and ordering of {@link ResilienceLoadSheddingAutoConfiguration}.
 */
class ResilienceLoadSheddingAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ResilienceAutoConfiguration.class,
			ResilienceDeadlineAutoConfiguration.class, ResilienceLoadSheddingAutoConfiguration.class);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void runWhenLoadSheddingIsNotEnabledShouldNotRegisterTheFilter() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean("resilienceLoadSheddingFilter");
			assertThat(context.getBean(ResilienceRegistry.class).findConcurrencyLimit("inbound")).isEmpty();
		});
	}

	@Test
	void runWhenLoadSheddingIsEnabledShouldRegisterTheFilterAfterTheDeadlineFilter() {
		this.runner.withPropertyValues("resilience.load-shedding.enabled=true").run((context) -> {
			FilterRegistrationBean<?> shedding = context.getBean("resilienceLoadSheddingFilter",
					FilterRegistrationBean.class);
			FilterRegistrationBean<?> deadline = context.getBean("resilienceInboundDeadlineFilter",
					FilterRegistrationBean.class);
			assertThat(shedding.getFilter()).isInstanceOf(LoadSheddingFilter.class);
			assertThat(shedding.getOrder()).isEqualTo(deadline.getOrder() + 1);
		});
	}

	@Test
	void runWhenLoadSheddingIsEnabledShouldCreateTheInboundLimitAtStartUp() {
		this.runner
			.withPropertyValues("resilience.load-shedding.enabled=true",
					"resilience.concurrency-limit.instances.inbound.limit=7")
			.run((context) -> assertThat(context.getBean(ResilienceRegistry.class).findConcurrencyLimit("inbound"))
				.get()
				.extracting(ConcurrencyLimit::limit)
				.isEqualTo(7));
	}

	@Test
	void runWhenExcludePatternIsMalformedShouldFail() {
		this.runner.withPropertyValues("resilience.load-shedding.enabled=true", "resilience.load-shedding.exclude={x")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(PatternParseException.class));
	}

	@Test
	void runWhenStarterIsDisabledShouldNotRegisterTheFilter() {
		this.runner.withPropertyValues("resilience.enabled=false", "resilience.load-shedding.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean("resilienceLoadSheddingFilter"));
	}

	@Test
	void runWhenUserDefinesTheFilterBeanShouldBackOff() {
		this.runner.withPropertyValues("resilience.load-shedding.enabled=true")
			.withUserConfiguration(CustomFilterConfiguration.class)
			.run((context) -> assertThat(context.getBean("resilienceLoadSheddingFilter"))
				.isSameAs(context.getBean(CustomFilterConfiguration.class).registration));
	}

	@Test
	void runWhenReactiveApplicationShouldRegisterTheWebFilterAfterTheDeadlineWebFilter() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("resilience.load-shedding.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(LoadSheddingWebFilter.class);
				assertThat(context).doesNotHaveBean("resilienceLoadSheddingFilter");
				List<WebFilter> filters = context.getBeanProvider(WebFilter.class).orderedStream().toList();
				assertThat(filters).hasExactlyElementsOfTypes(InboundDeadlineWebFilter.class,
						LoadSheddingWebFilter.class);
				assertThat(context.getBean(ResilienceRegistry.class).findConcurrencyLimit("inbound")).isPresent();
			});
	}

	@Test
	void runWhenReactiveApplicationHasLoadSheddingOffShouldNotRegisterTheWebFilter() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(LoadSheddingWebFilter.class));
	}

	@Test
	void runWhenNotAWebApplicationShouldNotRegisterTheFilter() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("resilience.load-shedding.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("resilienceLoadSheddingFilter");
				assertThat(context).doesNotHaveBean(LoadSheddingWebFilter.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFilterConfiguration {

		final FilterRegistrationBean<?> registration = new FilterRegistrationBean<>();

		@Bean
		FilterRegistrationBean<?> resilienceLoadSheddingFilter() {
			return this.registration;
		}

	}

}
