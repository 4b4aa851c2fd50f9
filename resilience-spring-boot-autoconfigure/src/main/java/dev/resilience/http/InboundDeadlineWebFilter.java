package dev.resilience.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;

/**
 * The WebFlux counterpart of {@link InboundDeadlineFilter}: gives each served request the deadline
 * its caller sent in the request-timeout header, or the configured default, whichever is shorter,
 * in the Reactor subscriber context where guarded publishers and the WebClient guard find it.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public class InboundDeadlineWebFilter implements WebFilter {

	private final InboundTimeouts timeouts;

	private final Clock clock;

	/**
	 * Creates a filter.
	 * @param header the name of the request-timeout header
	 * @param honourHeader whether a request's header sets its deadline
	 * @param defaultTimeout the deadline of every request, or {@code null} for none
	 * @param clock the source of time
	 */
	public InboundDeadlineWebFilter(String header, boolean honourHeader, @Nullable Duration defaultTimeout,
			Clock clock) {
		this(header, DeadlineHeaderFormat.MILLIS, honourHeader, defaultTimeout, clock);
	}

	/**
	 * Creates a filter that reads the header in the given format.
	 * @param header the name of the request-timeout header
	 * @param format how the header writes the remaining time
	 * @param honourHeader whether a request's header sets its deadline
	 * @param defaultTimeout the deadline of every request, or {@code null} for none
	 * @param clock the source of time
	 * @since 0.3.0
	 */
	public InboundDeadlineWebFilter(String header, DeadlineHeaderFormat format, boolean honourHeader,
			@Nullable Duration defaultTimeout, Clock clock) {
		this.timeouts = new InboundTimeouts(header, format, honourHeader, defaultTimeout);
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Duration timeout = this.timeouts.of(exchange.getRequest().getHeaders().getFirst(this.timeouts.header()),
				exchange.getRequest().getPath().value());
		if (timeout == null) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> {
			Deadline deadline = Deadline.within(timeout, this.clock);
			return chain.filter(exchange).contextWrite((context) -> context.put(Deadline.CONTEXT_KEY, deadline));
		});
	}

}
