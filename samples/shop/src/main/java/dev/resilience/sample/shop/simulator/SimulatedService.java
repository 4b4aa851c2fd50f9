package dev.resilience.sample.shop.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated service: its current behaviour and the requests it has seen. Thread-safe.
 */
public final class SimulatedService {

	private final String name;

	private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.HEALTHY);

	private final AtomicLong requestsSeen = new AtomicLong();

	/** Opened, and replaced by a closed one, each time the behaviour is set. */
	private final AtomicReference<CountDownLatch> behaviourSet = new AtomicReference<>(new CountDownLatch(1));

	SimulatedService(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	public Behaviour behaviour() {
		return this.behaviour.get();
	}

	/** Sets the behaviour of the requests to come, and releases the requests held until now. */
	public void behave(Behaviour behaviour) {
		this.behaviour.set(behaviour);
		this.behaviourSet.getAndSet(new CountDownLatch(1)).countDown();
	}

	/**
	 * Returns a latch that opens the next time the behaviour is set. Taken before the behaviour of
	 * a request is read, so that a request is never held past a change made after it arrived.
	 */
	CountDownLatch nextBehaviourSet() {
		return this.behaviourSet.get();
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
