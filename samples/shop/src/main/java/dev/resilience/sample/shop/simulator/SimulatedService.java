package dev.resilience.sample.shop.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated service: its current behaviour, the requests it has seen and has in flight, and,
 * for a service with a quota, the requests beyond it. Thread-safe.
 */
public final class SimulatedService {

	private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

	private final String name;

	/** Requests the service accepts in any rolling second; 0: no quota. */
	private final int quotaPerSecond;

	private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.HEALTHY);

	private final AtomicLong requestsSeen = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	/** Opened, and replaced by a closed one, each time the behaviour is set. */
	private final AtomicReference<CountDownLatch> behaviourSet = new AtomicReference<>(new CountDownLatch(1));

	/**
	 * Arrival times of the requests of the last second, oldest first, kept for a service with a
	 * quota only; guarded by itself.
	 */
	private final Deque<Long> lastSecond = new ArrayDeque<>();

	private long overQuota;

	private int busiestSecond;

	SimulatedService(String name) {
		this(name, 0);
	}

	SimulatedService(String name, int quotaPerSecond) {
		this.name = name;
		this.quotaPerSecond = quotaPerSecond;
	}

	public String name() {
		return this.name;
	}

	public Behaviour behaviour() {
		return this.behaviour.get();
	}

	/**
	 * Sets the behaviour of the requests to come, releases the requests held until now, and starts
	 * counting {@link #mostInFlight()} and {@link #busiestSecond()} afresh.
	 */
	public void behave(Behaviour behaviour) {
		this.behaviour.set(behaviour);
		this.mostInFlight.set(this.inFlight.get());
		synchronized (this.lastSecond) {
			this.busiestSecond = 0;
		}
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

	/**
	 * Counts a request that reached the service (a service that is down sees nothing), and, when
	 * the service has a quota, whether it is one too many: more than {@code quotaPerSecond}
	 * requests, itself included, arrived within the second up to it. Every request counts, those
	 * over the quota too, as a provider counts the requests it receives.
	 */
	void seen() {
		this.requestsSeen.incrementAndGet();
		if (this.quotaPerSecond == 0) {
			return;
		}
		long now = System.nanoTime();
		synchronized (this.lastSecond) {
			while (!this.lastSecond.isEmpty() && now - this.lastSecond.peekFirst() >= ONE_SECOND) {
				this.lastSecond.pollFirst();
			}
			this.lastSecond.addLast(now);
			this.busiestSecond = Math.max(this.busiestSecond, this.lastSecond.size());
			if (this.lastSecond.size() > this.quotaPerSecond) {
				this.overQuota++;
			}
		}
	}

	/**
	 * Counts a request that the service starts to serve.
	 * @return the requests in flight, this one included
	 */
	int enter() {
		int now = this.inFlight.incrementAndGet();
		this.mostInFlight.accumulateAndGet(now, Math::max);
		return now;
	}

	/** Counts a request that the service has served. */
	void leave() {
		this.inFlight.decrementAndGet();
	}

	public long requestsSeen() {
		return this.requestsSeen.get();
	}

	/** Returns the requests being served now. */
	public int inFlight() {
		return this.inFlight.get();
	}

	/** Returns the most requests served at once since the behaviour was last set. */
	public int mostInFlight() {
		return this.mostInFlight.get();
	}

	/** Returns the requests the service accepts in any rolling second; 0: no quota. */
	public int quotaPerSecond() {
		return this.quotaPerSecond;
	}

	/** Returns the requests that came beyond the quota: the 429s the service would have sent. */
	public long overQuota() {
		synchronized (this.lastSecond) {
			return this.overQuota;
		}
	}

	/**
	 * Returns the most requests that arrived within one second since the behaviour was last set;
	 * counted for a service with a quota only.
	 */
	public int busiestSecond() {
		synchronized (this.lastSecond) {
			return this.busiestSecond;
		}
	}

}
