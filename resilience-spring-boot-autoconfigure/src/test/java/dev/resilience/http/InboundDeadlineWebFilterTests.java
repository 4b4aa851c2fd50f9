package dev.resilience.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import dev.resilience.core.Deadline;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InboundDeadlineWebFilter}.
 */
class InboundDeadlineWebFilterTests {

	private final ManualClock clock = new ManualClock();

	private final AtomicReference<Deadline> seen = new AtomicReference<>();

	private final WebFilterChain chain = (exchange) -> Mono.deferContextual((context) -> {
		this.seen.set(context.getOrDefault(Deadline.CONTEXT_KEY, null));
		return Mono.empty();
	});

	@Test
	void requestWithHeaderGetsThatDeadlineInTheSubscriberContext() {
		filter(null).filter(exchange("300"), this.chain).block();
		assertThat(this.seen.get().remaining()).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void headerShortensTheDefaultButNeverLengthensIt() {
		InboundDeadlineWebFilter filter = filter(Duration.ofSeconds(2));
		filter.filter(exchange("60000"), this.chain).block();
		assertThat(this.seen.get().remaining()).isEqualTo(Duration.ofSeconds(2));
		filter.filter(exchange(null), this.chain).block();
		assertThat(this.seen.get().remaining()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void malformedHeaderIsIgnored() {
		filter(null).filter(exchange("-5"), this.chain).block();
		assertThat(this.seen.get()).isNull();
	}

	private InboundDeadlineWebFilter filter(Duration defaultTimeout) {
		return new InboundDeadlineWebFilter("X-Request-Timeout", true, defaultTimeout, this.clock);
	}

	private static MockServerWebExchange exchange(String timeout) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/page");
		if (timeout != null) {
			request.header("X-Request-Timeout", timeout);
		}
		return MockServerWebExchange.from(request);
	}

}
