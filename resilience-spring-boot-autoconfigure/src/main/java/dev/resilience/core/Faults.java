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
 * {@link FaultInjector} per instance name: those configured, those of every guarded method, and
 * those set at run time, at most {@value #MAX_NAMES} names in all.
 *
 * <p>Thread-safe.
 *
 * @since 0.3.0
 */
public final class Faults {

	/** The most instance names that faults are kept for, {@value}. */
	public static final int MAX_NAMES = 1024;

	private final Map<String, FaultInjector> injectors = new ConcurrentHashMap<>();

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
	 * faults; clearing its faults keeps it.
	 * @param name the instance name
	 * @return its injector
	 * @throws InvalidConfigurationException past {@value #MAX_NAMES} names
	 */
	public FaultInjector injector(String name) {
		FaultInjector injector = getOrCreate(name);
		injector.keep();
		return injector;
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
	 */
	public FaultInjector set(String name, FaultConfig config) {
		FaultInjector injector = getOrCreate(name);
		injector.set(config);
		return injector;
	}

	/**
	 * Clears the faults of an instance name, and forgets the name unless a pipeline keeps its
	 * injector.
	 * @param name the instance name
	 * @return whether it had any
	 */
	public synchronized boolean clear(String name) {
		FaultInjector injector = this.injectors.get(name);
		if (injector == null) {
			return false;
		}
		boolean armed = injector.isArmed();
		injector.clear();
		if (!injector.isKept()) {
			this.injectors.remove(name);
		}
		return armed;
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

	private FaultInjector getOrCreate(String name) {
		FaultInjector injector = this.injectors.get(name);
		return (injector != null) ? injector : create(name);
	}

	private synchronized FaultInjector create(String name) {
		FaultInjector injector = this.injectors.get(name);
		if (injector != null) {
			return injector;
		}
		if (this.injectors.size() >= MAX_NAMES) {
			throw new InvalidConfigurationException("name", name,
					"one of the " + MAX_NAMES + " instance names that faults are kept for; clear faults no longer "
							+ "needed");
		}
		injector = new FaultInjector(name, this.events, this.sleeper, this.random);
		this.injectors.put(name, injector);
		return injector;
	}

}
