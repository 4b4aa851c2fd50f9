package dev.resilience.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code resilienceevents} endpoint: the most recent state transitions, rejected calls,
 * retries, timeouts and fallbacks, oldest first, optionally of one name only
 * ({@code ?name=inventory}).
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
@Endpoint(id = "resilienceevents")
public class ResilienceEventsEndpoint {

	private final ResilienceEventBuffer buffer;

	/**
	 * Creates the endpoint.
	 * @param buffer the events it shows
	 */
	public ResilienceEventsEndpoint(ResilienceEventBuffer buffer) {
		this.buffer = buffer;
	}

	/**
	 * Returns the events kept, newest last.
	 * @param name only the events of this name; all if absent
	 * @return the events
	 */
	@ReadOperation
	public EventsDescriptor events(@Nullable String name) {
		return new EventsDescriptor(this.buffer.events(name));
	}

	/**
	 * The events kept, newest last.
	 *
	 * @param events the events
	 */
	public record EventsDescriptor(List<ResilienceEventBuffer.Event> events) implements OperationResponseBody {
	}

}
