package dev.resilience.core;

/**
 * The limit of an adaptive concurrency limit, measured from the latency of the calls with the
 * gradient algorithm of Netflix's concurrency-limits library
 * (<a href="https://github.com/Netflix/concurrency-limits">Gradient limit</a>), itself after TCP
 * Vegas congestion control: while the calls take about as long as the fastest calls seen, the
 * dependency has no queue, and the limit grows; when latency rises as more calls run, a queue
 * builds up in the dependency, and the limit shrinks in proportion.
 *
 * <p>Each released call is a sample: its latency and the calls in flight when it ended. Every
 * {@value #WINDOW_SAMPLES} samples the limit is computed again:
 * <ul>
 * <li>{@code minLatency}: the lowest latency of the current and the previous epoch of
 * {@value #EPOCH_SAMPLES} samples, so that a dependency whose latency rises for good is learnt
 * again within two epochs;</li>
 * <li>{@code recent}: the mean latency of the window;</li>
 * <li>{@code gradient = clamp(TOLERANCE x minLatency / recent, 0.5, 1.0)}, with
 * {@code TOLERANCE} {@value #TOLERANCE}: latency may rise by half before the limit shrinks;</li>
 * <li>{@code newLimit = limit x gradient + sqrt(limit)}: the square root is the headroom, calls
 * that may queue in the dependency so that growth is noticed;</li>
 * <li>when the gradient is 1 but the window never had half the limit in flight, the limit stays:
 * the application, not the dependency, limits the calls, and nothing says more would be fine;</li>
 * <li>a decrease is smoothed, {@code limit x (1 - 0.2) + newLimit x 0.2}, so that one slow
 * window does not halve the limit; an increase is taken at once;</li>
 * <li>the result is kept within {@code [min-limit, max-limit]}; the limit in force is its
 * rounded value, while the next computation starts from the unrounded one, so that small steps
 * add up.</li>
 * </ul>
 *
 * <p>However slow the calls get, the gradient never falls below 0.5, so the limit settles where
 * {@code limit = limit x 0.5 + sqrt(limit)}, at 4, unless {@code min-limit} is higher.
 *
 * <p>Thread-safe: the limit is a volatile field read without a lock; samples are added under a
 * private lock held for a few arithmetic operations. Memory: eleven fields and a lock object,
 * about 100 bytes, whatever the traffic.
 */
final class ConcurrencyLimitGradient {

	/** Samples per computation of the limit. */
	static final int WINDOW_SAMPLES = 10;

	/** Samples per epoch of the lowest latency. */
	static final int EPOCH_SAMPLES = 1_000;

	/** How much slower than the lowest latency the calls may get before the limit shrinks. */
	static final double TOLERANCE = 1.5;

	/** The lowest gradient: one window at most halves the limit before smoothing. */
	static final double MIN_GRADIENT = 0.5;

	/** Weight of a lower limit against the current one. */
	static final double DECREASE_SMOOTHING = 0.2;

	private final int initialLimit;

	private final int minLimit;

	private final int maxLimit;

	private volatile int limit;

	private final Object lock = new Object();

	private double estimate;

	private int windowSamples;

	private double windowLatencySum;

	private int windowMaxInFlight;

	private int epochSamples;

	private long epochMinLatency = Long.MAX_VALUE;

	private long previousEpochMinLatency = Long.MAX_VALUE;

	ConcurrencyLimitGradient(int initialLimit, int minLimit, int maxLimit) {
		this.initialLimit = initialLimit;
		this.minLimit = minLimit;
		this.maxLimit = maxLimit;
		this.limit = initialLimit;
		this.estimate = initialLimit;
	}

	/** Returns the limit in force. */
	int limit() {
		return this.limit;
	}

	/**
	 * Adds the sample of one call that ended.
	 * @param latencyNanos how long the call held its slot
	 * @param inFlight the calls in flight when it ended, itself included
	 * @return true if this sample ended a window, so the limit was computed again
	 */
	boolean sample(long latencyNanos, int inFlight) {
		// a zero latency (a coarse clock) would make the gradient undefined
		long latency = Math.max(1, latencyNanos);
		synchronized (this.lock) {
			if (++this.epochSamples > EPOCH_SAMPLES) {
				this.previousEpochMinLatency = this.epochMinLatency;
				this.epochMinLatency = Long.MAX_VALUE;
				this.epochSamples = 1;
			}
			this.epochMinLatency = Math.min(this.epochMinLatency, latency);
			this.windowLatencySum += latency;
			this.windowMaxInFlight = Math.max(this.windowMaxInFlight, inFlight);
			if (++this.windowSamples < WINDOW_SAMPLES) {
				return false;
			}
			long minLatency = Math.min(this.epochMinLatency, this.previousEpochMinLatency);
			double recent = this.windowLatencySum / this.windowSamples;
			this.estimate = next(this.estimate, minLatency, recent, this.windowMaxInFlight);
			this.limit = (int) Math.round(this.estimate);
			this.windowSamples = 0;
			this.windowLatencySum = 0;
			this.windowMaxInFlight = 0;
			return true;
		}
	}

	/**
	 * Puts the limit back to the initial one and forgets the samples and the lowest latency, as
	 * if no call had ended yet.
	 * @return the limit now in force, the initial one
	 */
	int reset() {
		synchronized (this.lock) {
			this.estimate = this.initialLimit;
			this.windowSamples = 0;
			this.windowLatencySum = 0;
			this.windowMaxInFlight = 0;
			this.epochSamples = 0;
			this.epochMinLatency = Long.MAX_VALUE;
			this.previousEpochMinLatency = Long.MAX_VALUE;
			this.limit = this.initialLimit;
			return this.initialLimit;
		}
	}

	private double next(double current, long minLatency, double recent, int maxInFlight) {
		double gradient = Math.max(MIN_GRADIENT, Math.min(1.0, TOLERANCE * minLatency / recent));
		if (gradient == 1.0 && maxInFlight < current / 2.0) {
			return current;
		}
		double headroom = Math.max(1.0, Math.sqrt(current));
		double next = current * gradient + headroom;
		if (next < current) {
			next = current * (1 - DECREASE_SMOOTHING) + next * DECREASE_SMOOTHING;
		}
		return Math.max(this.minLimit, Math.min(this.maxLimit, next));
	}

}
