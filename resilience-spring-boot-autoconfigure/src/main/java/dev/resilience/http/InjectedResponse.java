package dev.resilience.http;

import java.io.InputStream;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The answer of an injected status fault to a {@code RestClient} request that was never sent:
 * the status, a {@code Retry-After} header when the fault sets one, and an empty body.
 */
final class InjectedResponse implements ClientHttpResponse {

	private final HttpStatusCode status;

	private final HttpHeaders headers = new HttpHeaders();

	InjectedResponse(int status, @Nullable Duration retryAfter) {
		this.status = HttpStatusCode.valueOf(status);
		String header = retryAfterHeader(retryAfter);
		if (header != null) {
			this.headers.set(HttpHeaders.RETRY_AFTER, header);
		}
		this.headers.setContentLength(0);
	}

	/**
	 * Returns the {@code Retry-After} header of an injected status: whole seconds, rounded up so
	 * that a client never comes back sooner than the fault asks.
	 * @param retryAfter the delay the fault sets, or {@code null}
	 * @return the header value, or {@code null} for none
	 */
	static @Nullable String retryAfterHeader(@Nullable Duration retryAfter) {
		if (retryAfter == null) {
			return null;
		}
		long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
		return Long.toString(seconds);
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.status;
	}

	@Override
	public String getStatusText() {
		HttpStatus known = HttpStatus.resolve(this.status.value());
		return (known != null) ? known.getReasonPhrase() : "";
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public InputStream getBody() {
		return InputStream.nullInputStream();
	}

	@Override
	public void close() {
	}

}
