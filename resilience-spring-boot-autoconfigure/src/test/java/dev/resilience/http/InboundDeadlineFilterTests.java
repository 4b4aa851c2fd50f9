package dev.resilience.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.resilience.core.Deadline;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InboundDeadlineFilter}.
 */
class InboundDeadlineFilterTests {

	private final ManualClock clock = new ManualClock();

	private final AtomicReference<Deadline> seen = new AtomicReference<>();

	private final FilterChain chain = (request, response) -> this.seen.set(Deadline.current());

	@Test
	void requestWithHeaderGetsThatDeadline() throws Exception {
		filter(true, null).doFilter(request("300"), new MockHttpServletResponse(), this.chain);
		assertThat(this.seen.get().remaining()).isEqualTo(Duration.ofMillis(300));
		assertThat(Deadline.current()).isNull();
	}

	@Test
	void requestWithoutHeaderGetsTheDefault() throws Exception {
		filter(true, Duration.ofSeconds(10)).doFilter(request(null), new MockHttpServletResponse(), this.chain);
		assertThat(this.seen.get().remaining()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void headerShortensTheDefaultButNeverLengthensIt() throws Exception {
		InboundDeadlineFilter filter = filter(true, Duration.ofSeconds(2));
		filter.doFilter(request("500"), new MockHttpServletResponse(), this.chain);
		assertThat(this.seen.get().remaining()).isEqualTo(Duration.ofMillis(500));
		filter.doFilter(request("60000"), new MockHttpServletResponse(), this.chain);
		assertThat(this.seen.get().remaining()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void malformedNegativeOrEnormousHeaderIsIgnored() throws Exception {
		InboundDeadlineFilter filter = filter(true, null);
		for (String value : new String[] { "soon", "-5", "1.5", "", "99999999999999999999", "86400001" }) {
			this.seen.set(null);
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request(value), response, this.chain);
			assertThat(this.seen.get()).as(value).isNull();
			assertThat(response.getStatus()).as(value).isEqualTo(200);
		}
	}

	@Test
	void headerIsIgnoredWhenInboundIsOff() throws Exception {
		filter(false, null).doFilter(request("300"), new MockHttpServletResponse(), this.chain);
		assertThat(this.seen.get()).isNull();
	}

	private InboundDeadlineFilter filter(boolean inbound, Duration defaultTimeout) {
		return new InboundDeadlineFilter("X-Request-Timeout", inbound, defaultTimeout, this.clock);
	}

	private static MockHttpServletRequest request(String timeout) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
		if (timeout != null) {
			request.addHeader("X-Request-Timeout", timeout);
		}
		return request;
	}

}
