package dev.resilience.core;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The faults injected for game days and tests ({@code resilience.faults.*}), one
 * {@link FaultInjector} per instance name: those of every guarded method, which their pipelines
 * keep, and those configured or set at run time for other names (a guarded HTTP client's host),
 * at most {@value #MAX_NAMES} of these.
 *
 * <p>Thread-safe: a call's lookup reads a concurrent map; creating, setting and clearing take a
 * lock of their own.
 *
 * @since 0.3.0
 */
public final class Faults {

	/** The most instance names that faults are kept for besides those of pipelines, {@value}. */
	public static final int MAX_NAMES = 1024;

	private final Map<String, FaultInjector> injectors = new ConcurrentHashMap<>();

	/** Guards creating, setting and clearing, so that a clear never forgets a name being set. */
	private final Object changes = new Object();

	/** The injectors that no pipeline keeps; guarded by {@link #changes}. */
	private int unkept;

	private final ResilienceListener events;

	private final Sleeper sleeper;

	private final DoubleSupplier random;

	/**
	 * Creates the faults, drawn with {@link ThreadLocalRandom}.
	 * @param configured the faults of each instance name, as configured
	 * @param events told of each fault injected
	 * @param sleeper spends injected latency
	 */
	public Faults(Map<String, FaultConfig> configured, ResilienceListener events, Sleeper sleeper) {
		this(configured, events, sleeper, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Creates the faults.
	 * @param configured the faults of each instance name, as configured
	 * @param events told of each fault injected
	 * @param sleeper spends injected latency
	 * @param random draws whether a call gets a fault: a number in [0, 1); must be thread-safe
	 */
	public Faults(Map<String, FaultConfig> configured, ResilienceListener events, Sleeper sleeper,
			DoubleSupplier random) {
		this.events = events;
		this.sleeper = sleeper;
		this.random = random;
		configured.forEach(this::set);
	}

	/**
	 * Returns the injector of an instance name for a pipeline that keeps it, creating it without
	 * faults; clearing its faults keeps it. Names kept are bounded by the pipelines, not by
	 * {@value #MAX_NAMES}.
	 * @param name the instance name
	 * @return its injector
	 */
	public FaultInjector injector(String name) {
		synchronized (this.changes) {
			FaultInjector injector = this.injectors.get(name);
			if (injector == null) {
				injector = newInjector(name);
			}
			else if (!injector.isKept()) {
				this.unkept--;
			}
			injector.keep();
			return injector;
		}
	}

	/**
	 * Returns the injector of an instance name when one exists.
	 * @param name the instance name
	 * @return its injector, or {@code null}
	 */
	public @Nullable FaultInjector find(String name) {
		return this.injectors.get(name);
	}

	/**
	 * Sets the faults of an instance name, replacing those it had.
	 * @param name the instance name
	 * @param config the faults
	 * @return its injector
	 * @throws InvalidConfigurationException for a new name past {@value #MAX_NAMES} names that no
	 * pipeline keeps
	 */
	public FaultInjector set(String name, FaultConfig config) {
		synchronized (this.changes) {
			FaultInjector injector = this.injectors.get(name);
			if (injector == null) {
				if (this.unkept >= MAX_NAMES) {
					throw new InvalidConfigurationException("name", name, "one of the " + MAX_NAMES
							+ " instance names that faults are kept for; clear faults no longer needed");
				}
				injector = newInjector(name);
				this.unkept++;
			}
			injector.set(config);
			return injector;
		}
	}

	/**
	 * Clears the faults of an instance name, and forgets the name unless a pipeline keeps its
	 * injector.
	 * @param name the instance name
	 * @return whether it had any
	 */
	public boolean clear(String name) {
		synchronized (this.changes) {
			FaultInjector injector = this.injectors.get(name);
			if (injector == null) {
				return false;
			}
			boolean armed = injector.isArmed();
			injector.clear();
			if (!injector.isKept()) {
				this.injectors.remove(name);
				this.unkept--;
			}
			return armed;
		}
	}

	/**
	 * Whether a pipeline keeps the injector of an instance name: an annotated method uses it.
	 * @param name the instance name
	 * @return whether faults set for it reach a method
	 */
	public boolean isKept(String name) {
		FaultInjector injector = this.injectors.get(name);
		return injector != null && injector.isKept();
	}

	/**
	 * Returns the faults set now, by instance name, leaving out names without any.
	 * @return the faults, sorted by name
	 */
	public Map<String, FaultConfig> armed() {
		Map<String, FaultConfig> armed = new TreeMap<>();
		this.injectors.forEach((name, injector) -> {
			FaultConfig config = injector.config();
			if (config.injectsAny()) {
				armed.put(name, config);
			}
		});
		return Collections.unmodifiableMap(armed);
	}

	private FaultInjector newInjector(String name) {
		FaultInjector injector = new FaultInjector(name, this.events, this.sleeper, this.random);
		this.injectors.put(name, injector);
		return injector;
	}

}
