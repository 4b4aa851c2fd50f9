package dev.resilience.http;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.Deadline;
import dev.resilience.core.LimitExceededException;

/**
 * Sheds load: each served request passes a {@link ConcurrencyLimit}, waiting for a slot at most
 * the limit's {@code max-wait} and never past the request's {@link Deadline#current() deadline}.
 * A request that gets no slot is answered {@code 503 Service Unavailable} with a
 * {@code Retry-After} in whole seconds and a problem-detail body, and the rest of the chain does
 * not run. Requests to excluded paths never pass the limit, so that health answers while the
 * service is overloaded.
 *
 * <p>The slot is held until the request really ends: until the chain returns, or, when the
 * request went asynchronous, until its asynchronous cycle completes, fails or times out. Order
 * the filter after the inbound deadline filter, so that the deadline bounds the wait.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public class LoadSheddingFilter extends OncePerRequestFilter {

	private final ConcurrencyLimit limit;

	private final LoadSheddingRules rules;

	/**
	 * Creates a filter.
	 * @param limit the concurrency limit every request passes
	 * @param exclude path patterns ({@link org.springframework.web.util.pattern.PathPattern}
	 * syntax, within the application) never shed
	 * @param retryAfter sent with a 503, rounded up to whole seconds, at least 1
	 */
	public LoadSheddingFilter(ConcurrencyLimit limit, List<String> exclude, Duration retryAfter) {
		this.limit = limit;
		this.rules = new LoadSheddingRules(limit.name(), exclude, retryAfter);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.rules.excludesAny() && this.rules
			.isExcluded(RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long token = this.limit.tryAcquire();
		if (token == ConcurrencyLimit.REFUSED) {
			token = awaitSlot();
			if (token == ConcurrencyLimit.REFUSED) {
				shed(response);
				return;
			}
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (!releaseWhenAsyncEnds(request, token)) {
				this.limit.release(token);
			}
		}
	}

	private long awaitSlot() throws ServletException {
		try {
			return this.limit.acquire(Deadline.current());
		}
		catch (LimitExceededException ex) {
			return ConcurrencyLimit.REFUSED;
		}
		catch (InterruptedException ex) {
			// acquire has set the interrupt flag again
			throw new ServletException("Interrupted while waiting for a slot of concurrency limit '"
					+ this.limit.name() + "'", ex);
		}
	}

	private void shed(HttpServletResponse response) throws IOException {
		byte[] body = this.rules.body();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, this.rules.retryAfter());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * Hands the slot to the request's asynchronous cycle, if it started one.
	 * @return true if the end of the cycle releases the slot, false if the caller must
	 */
	private boolean releaseWhenAsyncEnds(HttpServletRequest request, long token) {
		if (!request.isAsyncStarted()) {
			return false;
		}
		try {
			request.getAsyncContext().addListener(new AsyncSlot(this.limit, token));
			return true;
		}
		catch (IllegalStateException ex) {
			// the cycle ended already: nothing will tell the listener
			return false;
		}
	}

	/**
	 * Gives the slot of an asynchronous request back, once, at the first end of its cycle.
	 */
	private static final class AsyncSlot extends AtomicBoolean implements AsyncListener {

		private static final long serialVersionUID = 1L;

		private final transient ConcurrencyLimit limit;

		private final long token;

		AsyncSlot(ConcurrencyLimit limit, long token) {
			this.limit = limit;
			this.token = token;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			release();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			release();
		}

		@Override
		public void onError(AsyncEvent event) {
			release();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// a new cycle forgets the listeners of the last one
			event.getAsyncContext().addListener(this);
		}

		private void release() {
			if (compareAndSet(false, true)) {
				this.limit.release(this.token);
			}
		}

	}

}
