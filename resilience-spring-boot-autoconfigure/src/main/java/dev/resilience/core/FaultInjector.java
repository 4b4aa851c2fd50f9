package dev.resilience.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.Fault;

/**
 * The faults of one instance name, set from configuration or at run time, and the draws that
 * decide whether a call gets them. Each fault is drawn on its own, at its rate, so that over many
 * calls each is injected into its share of them.
 *
 * <p>Thread-safe: a call reads the current faults once per draw from one volatile field.
 *
 * @since 0.3.0
 */
public final class FaultInjector {

	private final String name;

	private final ResilienceListener events;

	private final Sleeper sleeper;

	private final DoubleSupplier random;

	private volatile @Nullable Armed armed;

	/** Whether a pipeline holds this injector, so that it outlives its faults. */
	private volatile boolean kept;

	FaultInjector(String name, ResilienceListener events, Sleeper sleeper, DoubleSupplier random) {
		this.name = name;
		this.events = events;
		this.sleeper = sleeper;
		this.random = random;
	}

	/** Returns the instance name whose faults these are. */
	public String name() {
		return this.name;
	}

	/** Returns the faults set now, {@link FaultConfig#NONE} when none are. */
	public FaultConfig config() {
		Armed armed = this.armed;
		return (armed != null) ? armed.config : FaultConfig.NONE;
	}

	/** Whether any fault is set now. */
	public boolean isArmed() {
		return this.armed != null;
	}

	void keep() {
		this.kept = true;
	}

	boolean isKept() {
		return this.kept;
	}

	void set(FaultConfig config) {
		this.armed = config.injectsAny() ? new Armed(config) : null;
	}

	void clear() {
		this.armed = null;
	}

	/**
	 * Draws the latency fault for a call about to run.
	 * @return the latency to spend before the call runs, in nanoseconds; 0 when the call gets none
	 */
	public long latencyNanos() {
		Armed armed = this.armed;
		if (armed == null || armed.config.latency() == null || !draw(armed.config.latencyRate())) {
			return 0;
		}
		this.events.onFaultInjected(this.name, Fault.LATENCY);
		return armed.latencyNanos;
	}

	/**
	 * Draws the latency fault and, when the call gets it, spends it on this thread.
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	public void spendLatency() throws InterruptedException {
		long nanos = latencyNanos();
		if (nanos > 0) {
			this.sleeper.sleep(nanos);
		}
	}

	/**
	 * Draws the exception fault for a call about to run.
	 * @return the exception to throw instead of running the call, or {@code null} when the call
	 * gets none
	 */
	public @Nullable Throwable exception() {
		Armed armed = this.armed;
		if (armed == null || armed.exception == null || !draw(armed.config.exceptionRate())) {
			return null;
		}
		this.events.onFaultInjected(this.name, Fault.EXCEPTION);
		return armed.newException(this.name);
	}

	/**
	 * Draws the status fault for a request about to be sent.
	 * @return the status to answer instead of sending the request, or 0 when it gets none
	 */
	public int status() {
		Armed armed = this.armed;
		if (armed == null || armed.config.status() == 0 || !draw(armed.config.statusRate())) {
			return 0;
		}
		this.events.onFaultInjected(this.name, Fault.STATUS);
		return armed.config.status();
	}

	private boolean draw(double rate) {
		return rate >= 1.0 || (rate > 0 && this.random.getAsDouble() < rate);
	}

	@Override
	public String toString() {
		return "Faults of '" + this.name + "'";
	}

	/** A configuration that injects something, with what a call needs of it ready. */
	private static final class Armed {

		private final FaultConfig config;

		private final long latencyNanos;

		private final @Nullable Constructor<? extends Throwable> exception;

		Armed(FaultConfig config) {
			this.config = config;
			this.latencyNanos = (config.latency() != null) ? config.latency().toNanos() : 0;
			Class<? extends Throwable> type = config.exception();
			this.exception = (type != null) ? FaultConfig.messageConstructor(type) : null;
		}

		Throwable newException(String name) {
			String message = "Fault injected by resilience.faults for '" + name + "'";
			try {
				return this.exception.newInstance(message);
			}
			catch (InvocationTargetException ex) {
				return ex.getCause();
			}
			catch (ReflectiveOperationException ex) {
				return new IllegalStateException(message + ", as " + this.config.exception().getName()
						+ " could not be created", ex);
			}
		}

	}

}
