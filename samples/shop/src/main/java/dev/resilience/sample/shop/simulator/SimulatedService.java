package dev.resilience.sample.shop.simulator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated service: its current behaviour and the requests it has seen. Thread-safe.
 */
public final class SimulatedService {

	private final String name;

	private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.HEALTHY);

	private final AtomicLong requestsSeen = new AtomicLong();

	SimulatedService(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	public Behaviour behaviour() {
		return this.behaviour.get();
	}

	public void behave(Behaviour behaviour) {
		this.behaviour.set(behaviour);
	}

	/** Returns the behaviour for a request that arrives now, counting it against {@code times}. */
	Behaviour behaviourForNextRequest() {
		return this.behaviour.getAndUpdate(Behaviour::afterOneRequest);
	}

	/** Counts a request that reached the service (a service that is down sees nothing). */
	void seen() {
		this.requestsSeen.incrementAndGet();
	}

	public long requestsSeen() {
		return this.requestsSeen.get();
	}

}
