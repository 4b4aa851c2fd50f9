package dev.resilience.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The circuit breaker behind {@link CircuitBreaker#of}: a state machine whose current state is one
 * {@link CircuitState} object per state entry, which owns its window or trial permits and is itself
 * the {@link Permit} of the calls it lets through.
 *
 * <p>Thread-safe without locks on the breaker: the state changes only by
 * {@code compareAndSet} from the state just read, and only the thread whose swap succeeds reports
 * the transition, after the swap. A permitted call in {@link State#CLOSED} allocates nothing.
 *
 * @since 0.1.0
 */
final class DefaultCircuitBreaker implements CircuitBreaker {

	private static final String FORCED_REASON = "forced by operator";

	private static final String RESET_REASON = "reset";

	private final String name;

	private final CircuitBreakerConfig config;

	private final Clock clock;

	private final ResilienceListener listener;

	private final long slowCallNanos;

	private final long waitInOpenNanos;

	private final String waitElapsedReason;

	private final String trialsSucceededReason;

	private final String trialSlowReason;

	private final AtomicReference<CircuitState> state;

	DefaultCircuitBreaker(String name, CircuitBreakerConfig config, Clock clock, ResilienceListener listener) {
		this.name = name;
		this.config = config;
		this.clock = clock;
		this.listener = listener;
		this.slowCallNanos = nanos(config.slowCallDuration());
		this.waitInOpenNanos = nanos(config.waitInOpen());
		this.waitElapsedReason = "wait-in-open " + format(config.waitInOpen()) + " elapsed";
		this.trialsSucceededReason = config.halfOpenCalls()
				+ ((config.halfOpenCalls() == 1) ? " trial call succeeded" : " trial calls succeeded");
		this.trialSlowReason = "trial call took at least " + format(config.slowCallDuration());
		this.state = new AtomicReference<>(new ClosedState(this));
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public CircuitBreakerConfig config() {
		return this.config;
	}

	@Override
	public State state() {
		return this.state.get().state();
	}

	@Override
	public Permit acquirePermit() {
		CircuitState current = this.state.get();
		while (!current.tryAcquire()) {
			CircuitState now = this.state.get();
			if (now == current) {
				current.rejected();
				throw new CallNotPermittedException(this.name, current.state());
			}
			// The state changed meanwhile (an open breaker whose wait is over): ask the new one.
			current = now;
		}
		return current;
	}

	@Override
	public <T extends @Nullable Object> T execute(CheckedSupplier<T> call) throws Throwable {
		Permit permit = acquirePermit();
		long start = this.clock.nanoTime();
		T result;
		try {
			result = call.get();
		}
		catch (Throwable ex) {
			permit.onError(this.clock.nanoTime() - start, ex);
			throw ex;
		}
		permit.onSuccess(this.clock.nanoTime() - start);
		return result;
	}

	@Override
	public void transitionTo(State state) {
		for (;;) {
			CircuitState current = this.state.get();
			CircuitState next = newState(state, CircuitState.emptyMetrics(0));
			if (this.state.compareAndSet(current, next)) {
				this.listener.onStateTransition(this.name, current.state(), state, FORCED_REASON);
				return;
			}
		}
	}

	@Override
	public void reset() {
		for (;;) {
			CircuitState current = this.state.get();
			if (this.state.compareAndSet(current, new ClosedState(this))) {
				if (current.state() != State.CLOSED) {
					this.listener.onStateTransition(this.name, current.state(), State.CLOSED, RESET_REASON);
				}
				return;
			}
		}
	}

	@Override
	public Metrics metrics() {
		return this.state.get().metrics();
	}

	@Override
	public String toString() {
		return "CircuitBreaker '" + this.name + "' " + state();
	}

	/**
	 * Moves from the given state to a fresh state of the given kind, unless the breaker has left
	 * {@code from} already; reports the transition if this thread made it.
	 * @param from the state the caller read
	 * @param to the state to enter
	 * @param reason why, for the listener
	 * @return true if this thread made the transition
	 */
	boolean transition(CircuitState from, State to, String reason) {
		if (this.state.get() != from) {
			return false;
		}
		CircuitState next = newState(to, (to == State.OPEN) ? from.metrics() : CircuitState.emptyMetrics(0));
		if (!this.state.compareAndSet(from, next)) {
			return false;
		}
		this.listener.onStateTransition(this.name, from.state(), to, reason);
		return true;
	}

	private CircuitState newState(State state, Metrics lastWindow) {
		return switch (state) {
			case CLOSED -> new ClosedState(this);
			case OPEN -> new OpenState(this, lastWindow);
			case HALF_OPEN -> new HalfOpenState(this);
			case FORCED_OPEN -> new ForcedOpenState(this);
			case DISABLED -> new DisabledState(this);
		};
	}

	boolean isCurrent(CircuitState state) {
		return this.state.get() == state;
	}

	Clock clock() {
		return this.clock;
	}

	ResilienceListener listener() {
		return this.listener;
	}

	long slowCallNanos() {
		return this.slowCallNanos;
	}

	long waitInOpenNanos() {
		return this.waitInOpenNanos;
	}

	String waitElapsedReason() {
		return this.waitElapsedReason;
	}

	String trialsSucceededReason() {
		return this.trialsSucceededReason;
	}

	String trialSlowReason() {
		return this.trialSlowReason;
	}

	private static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private static String format(Duration duration) {
		if (duration.getNano() == 0) {
			return duration.getSeconds() + "s";
		}
		if (duration.getNano() % 1_000_000 == 0 && duration.getSeconds() < Long.MAX_VALUE / 1000) {
			return duration.toMillis() + "ms";
		}
		return duration.toString();
	}

}
