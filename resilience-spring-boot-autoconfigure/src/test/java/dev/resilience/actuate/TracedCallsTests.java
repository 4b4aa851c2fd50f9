package dev.resilience.actuate;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceObservationAutoConfiguration;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced request that calls a guarded method, with Micrometer Tracing's test tracer: the call is
 * a span of its own under the request's, tagged with its name, kind and outcome, and the span
 * carries the story of the call: the failed attempts with their delays and the fallback.
 */
class TracedCallsTests {

	private final SimpleTracer tracer = new SimpleTracer();

	@Test
	void aGuardedCallIsASpanUnderTheRequestsWithItsStoryAsEvents() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceObservationAutoConfiguration.class))
			.withBean(ManualClock.class)
			.withBean(Prices.class)
			.withBean(ObservationRegistry.class, this::tracingRegistry)
			.withPropertyValues("resilience.observations.enabled=true")
			.run((context) -> {
				ObservationRegistry observations = context.getBean(ObservationRegistry.class);

				Observation request = Observation.start("http.server.requests", observations);
				try (Observation.Scope scope = request.openScope()) {
					assertThat(context.getBean(Prices.class).price()).isEqualTo("price unknown");
				}
				finally {
					request.stop();
				}

				List<SimpleSpan> spans = List.copyOf(this.tracer.getSpans());
				assertThat(spans).extracting(SimpleSpan::getName)
					.containsExactlyInAnyOrder("http.server.requests", "resilience.call");
				SimpleSpan call = span(spans, "resilience.call");
				assertThat(call.getParentId()).isEqualTo(span(spans, "http.server.requests").getSpanId());
				assertThat(call.getTags()).containsAllEntriesOf(
						Map.of("name", "Prices.price", "kind", "fallback+retryable", "outcome", "success"));
				assertThat(call.getEvents()).extracting(Map.Entry::getValue)
					.containsExactly("'prices' attempt 1 failed with IOException, retrying in 500ms",
							"'prices' attempt 2 failed with IOException, retrying in 1000ms",
							"'Prices.price' answered by its fallback after IOException");
			});
	}

	private static SimpleSpan span(List<SimpleSpan> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	private ObservationRegistry tracingRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(this.tracer));
		return registry;
	}

	static class Prices {

		private final AtomicInteger calls = new AtomicInteger();

		@Retryable(name = "prices", jitter = 0)
		@Fallback(method = "unknown")
		public String price() throws IOException {
			this.calls.incrementAndGet();
			throw new IOException("prices unavailable");
		}

		String unknown(Throwable failure) {
			return "price unknown";
		}

	}

}
