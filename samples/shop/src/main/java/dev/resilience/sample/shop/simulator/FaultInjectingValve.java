package dev.resilience.sample.shop.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
 * has died. A service that is {@link Mode#HUNG} holds the server thread of each request until its
 * mode is set again. A service that is {@link Mode#SATURATING} takes longer the more requests it
 * has in flight, counted from their arrival here until their answer is written.
 */
class FaultInjectingValve extends ValveBase {

	private static final String PREFIX = "/simulated/";

	/** The longest a {@link Mode#HUNG} service holds a request when its mode is not set again. */
	private static final Duration HUNG_AT_MOST = Duration.ofSeconds(60);

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
		CountDownLatch behaviourSet = service.nextBehaviourSet();
		Behaviour behaviour = service.behaviourForNextRequest();
		if (behaviour.mode() == Mode.DOWN) {
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
			return;
		}
		service.seen();
		int inFlight = service.enter();
		try {
			switch (behaviour.mode()) {
				case SLOW -> sleep(behaviour.latencyMs());
				case SLOW_TAIL -> {
					if (ThreadLocalRandom.current().nextDouble() < behaviour.slowRate()) {
						sleep(behaviour.latencyMs());
					}
				}
				case SATURATING -> sleep(behaviour.saturatedLatencyMs(inFlight));
				case HUNG -> holdUninterruptibly(behaviourSet, HUNG_AT_MOST);
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
		finally {
			service.leave();
		}
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

	/**
	 * Blocks the calling thread until the latch opens or the time passes. Ignores interruption,
	 * as a thread stuck in a call that cannot be interrupted; the interrupt is kept for later.
	 */
	private static void holdUninterruptibly(CountDownLatch released, Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		boolean interrupted = false;
		try {
			while (true) {
				try {
					released.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
