package dev.resilience.sample.shop.simulator;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Makes the simulated services misbehave: every request to {@code /simulated/<service>/...},
 * except the control paths {@code mode} and {@code stats}, gets the service's current
 * {@link Behaviour} before the application sees it.
 *
 * <p>A Tomcat valve rather than a servlet filter, because only the server can drop a
 * connection: a service that is {@link Mode#DOWN} closes the socket before a single byte of a
 * response is written, so the client fails with an I/O error, as when the process behind a port
 * has died.
 */
class FaultInjectingValve extends ValveBase {

	private static final String PREFIX = "/simulated/";

	private final SimulatedServices services;

	FaultInjectingValve(SimulatedServices services) {
		super(true);
		this.services = services;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		SimulatedService service = simulatedServiceOf(request.getRequestURI());
		if (service == null) {
			getNext().invoke(request, response);
			return;
		}
		Behaviour behaviour = service.behaviourForNextRequest();
		if (behaviour.mode() == Mode.DOWN) {
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
			return;
		}
		service.seen();
		switch (behaviour.mode()) {
			case SLOW -> sleep(behaviour.latencyMs());
			case FAILING -> {
				response.setStatus(behaviour.status());
				return;
			}
			case RATE_LIMITED -> {
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(behaviour.retryAfterSeconds()));
				return;
			}
			case FLAPPING -> {
				if (ThreadLocalRandom.current().nextDouble() < behaviour.failureRate()) {
					response.setStatus(behaviour.status());
					return;
				}
			}
			default -> {
			}
		}
		getNext().invoke(request, response);
	}

	private @Nullable SimulatedService simulatedServiceOf(String path) {
		if (!path.startsWith(PREFIX)) {
			return null;
		}
		String[] segments = path.substring(PREFIX.length()).split("/");
		boolean control = segments.length == 2 && (segments[1].equals("mode") || segments[1].equals("stats"));
		return control ? null : this.services.find(segments[0]).orElse(null);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
