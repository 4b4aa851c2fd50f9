package dev.resilience.http;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;

/**
 * Gives each served request a deadline: the remaining time its caller sent in the request-timeout
 * header, or the configured default, whichever is shorter. Guarded calls made while serving the
 * request then never outlive the caller that waits for the answer. A malformed, negative or
 * enormous header is ignored (logged at DEBUG), never answered with an error.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public class InboundDeadlineFilter extends OncePerRequestFilter {

	private final InboundTimeouts timeouts;

	private final Clock clock;

	/**
	 * Creates a filter.
	 * @param header the name of the request-timeout header
	 * @param honourHeader whether a request's header sets its deadline
	 * @param defaultTimeout the deadline of every request, or {@code null} for none
	 * @param clock the source of time
	 */
	public InboundDeadlineFilter(String header, boolean honourHeader, @Nullable Duration defaultTimeout, Clock clock) {
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
	public InboundDeadlineFilter(String header, DeadlineHeaderFormat format, boolean honourHeader,
			@Nullable Duration defaultTimeout, Clock clock) {
		this.timeouts = new InboundTimeouts(header, format, honourHeader, defaultTimeout);
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Duration timeout = timeout(request);
		if (timeout == null) {
			chain.doFilter(request, response);
			return;
		}
		try (Deadline.Scope scope = Deadline.within(timeout, this.clock).attach()) {
			chain.doFilter(request, response);
		}
	}

	private @Nullable Duration timeout(HttpServletRequest request) {
		return this.timeouts.of(request.getHeader(this.timeouts.header()), request.getRequestURI());
	}

}
