package dev.resilience.http;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decides the time a served request may take: what its caller sent in the request-timeout header,
 * shortened by the configured default, never lengthened; a malformed header is ignored and logged
 * at DEBUG. Shared by the servlet filter and the WebFlux filter.
 *
 * <p>Immutable and thread-safe.
 */
final class InboundTimeouts {

	private static final Log logger = LogFactory.getLog(InboundTimeouts.class);

	private final String header;

	private final DeadlineHeaderFormat format;

	private final boolean honourHeader;

	private final @Nullable Duration defaultTimeout;

	InboundTimeouts(String header, DeadlineHeaderFormat format, boolean honourHeader,
			@Nullable Duration defaultTimeout) {
		this.header = header;
		this.format = format;
		this.honourHeader = honourHeader;
		this.defaultTimeout = defaultTimeout;
	}

	String header() {
		return this.header;
	}

	/**
	 * Returns the time a request may take.
	 * @param headerValue the request's header value, or {@code null}
	 * @param path the request's path, for the log line
	 * @return the timeout, or {@code null} for none
	 */
	@Nullable Duration of(@Nullable String headerValue, String path) {
		Duration fromHeader = null;
		if (this.honourHeader) {
			fromHeader = this.format.parse(headerValue);
			if (headerValue != null && fromHeader == null && logger.isDebugEnabled()) {
				logger.debug("Ignoring malformed " + this.header + " header of " + path + ": expected "
						+ this.format.expected());
			}
		}
		if (fromHeader == null) {
			return this.defaultTimeout;
		}
		return (this.defaultTimeout != null && this.defaultTimeout.compareTo(fromHeader) < 0) ? this.defaultTimeout
				: fromHeader;
	}

}
