package dev.resilience.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.Retry;

/**
 * The retry and the circuit breaker of each downstream {@code host[:port]}, and its rate limiter
 * where one is configured under its name
 * ({@code resilience.rate-limiter.instances."[api.example.com]"}), taken from the
 * registry under that name (the host in lower case: a host name is matched ignoring case) and set
 * up with the HTTP classification of {@link HttpAttemptFailure}, for at most {@code maxHosts}
 * hosts. Past that bound, the least recently used host is dropped: the instances created for it
 * are removed from the registry, which removes them from the endpoints, the health details and
 * the meters, and its next request creates them again. Instances of a host's name that something
 * else created first (code, an annotated method) are used but never removed.
 *
 * <p>One object serves every guarded client that shares its bound: the auto-configured
 * {@code RestClient} and {@code WebClient} guards share one. Guards built apart keep bounds of
 * their own; when one of them drops a host's instances, the others let go of them too.
 *
 * <p>Thread-safe. A request to a host that is kept takes no lock: it reads one map entry and,
 * unless the same host was the last one used, stamps the entry from one atomic counter. A request
 * to a new host takes a lock of this object, creates the host's instances and, past the bound,
 * finds the least recently used host by a scan of the entries. Besides the instances and their
 * meters, each host kept costs about 160 bytes here: the map node, the entry, its stamp and the
 * name, which the registry's instances share.
 *
 * @since 0.1.0
 */
public final class HostGuards {

	/** Default most hosts kept, {@value}. */
	public static final int DEFAULT_MAX_HOSTS = 1000;

	private final ResilienceRegistry registry;

	private final int maxHosts;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/** The stamp of the latest use; a larger stamp is a more recent use. */
	private final AtomicLong uses = new AtomicLong();

	/** Guards adding and dropping hosts. */
	private final Object changes = new Object();

	/**
	 * Creates the guards of at most {@code maxHosts} hosts, whose instances come from the
	 * registry.
	 * @param registry gives the retry and the circuit breaker of each host, and removes those of
	 * hosts dropped
	 * @param maxHosts the most hosts that keep their own instances, at least 1
	 */
	public HostGuards(ResilienceRegistry registry, int maxHosts) {
		if (maxHosts < 1) {
			throw new InvalidConfigurationException("maxHosts", maxHosts, "an integer of at least 1");
		}
		this.registry = registry;
		this.maxHosts = maxHosts;
		registry.addInstanceListener(new Removals());
	}

	/**
	 * Returns the most hosts that keep their own instances.
	 * @return the bound
	 */
	public int maxHosts() {
		return this.maxHosts;
	}

	/**
	 * Returns the number of hosts kept now.
	 * @return at most {@link #maxHosts()}
	 */
	public int size() {
		return this.entries.size();
	}

	ResilienceRegistry registry() {
		return this.registry;
	}

	/**
	 * Returns the guard of the host a request goes to, creating it (and dropping the least
	 * recently used host past the bound) if the host is not kept.
	 * @param uri the request's URI
	 * @return the guard of its host
	 */
	HostGuard forUri(URI uri) {
		String host = hostName(uri);
		Entry entry = this.entries.get(host);
		if (entry == null) {
			entry = add(host);
		}
		entry.use(this.uses);
		return entry.guard;
	}

	/**
	 * Returns the instance name of a request's host: {@code host[:port]} as the URL writes them,
	 * the host in lower case.
	 * @param uri the request's URI
	 * @return the instance name
	 */
	static String hostName(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			host = String.valueOf(uri.getAuthority());
		}
		host = host.toLowerCase(Locale.ROOT);
		return (uri.getPort() != -1) ? host + ":" + uri.getPort() : host;
	}

	private Entry add(String host) {
		synchronized (this.changes) {
			Entry entry = this.entries.get(host);
			if (entry != null) {
				return entry;
			}
			entry = create(host);
			entry.lastUse = this.uses.incrementAndGet();
			this.entries.put(host, entry);
			if (this.entries.size() > this.maxHosts) {
				Entry eldest = leastRecentlyUsed(entry);
				if (eldest != null && this.entries.remove(eldest.guard.host(), eldest)) {
					release(eldest);
				}
			}
			return entry;
		}
	}

	private @Nullable Entry leastRecentlyUsed(Entry added) {
		Entry eldest = null;
		for (Entry entry : this.entries.values()) {
			if (entry != added && (eldest == null || entry.lastUse < eldest.lastUse)) {
				eldest = entry;
			}
		}
		return eldest;
	}

	private Entry create(String host) {
		boolean ownsRetry = this.registry.findRetry(host).isEmpty();
		boolean ownsBreaker = this.registry.findCircuitBreaker(host).isEmpty();
		// the HTTP rules replace the failure classes of the defaults, which are meant for annotated
		// methods; an instance configured for this host may still set its own
		Retry retry = this.registry.retry(host, (builder) -> builder.retryOn(List.of())
			.abortOn(List.of())
			.transientFailures(HttpAttemptFailure::isRetryable)
			.retryAfter(HttpAttemptFailure::retryAfterNanos));
		CircuitBreaker breaker = this.registry.circuitBreaker(host, (builder) -> builder.recordOn(List.of())
			.ignore(List.of())
			.transientFailures(HttpAttemptFailure::isRecorded));
		boolean ownsRateLimiter = false;
		RateLimiter rateLimiter = null;
		if (this.registry.isRateLimiterConfigured(host)) {
			ownsRateLimiter = this.registry.findRateLimiter(host).isEmpty();
			rateLimiter = this.registry.rateLimiter(host);
		}
		return new Entry(new HostGuard(host, retry, breaker, rateLimiter), ownsRetry, ownsBreaker, ownsRateLimiter);
	}

	/** Removes from the registry the instances created for a host that is no longer kept. */
	private void release(Entry entry) {
		if (entry.ownsRetry) {
			this.registry.removeRetry(entry.guard.retry());
		}
		if (entry.ownsBreaker) {
			this.registry.removeCircuitBreaker(entry.guard.breaker());
		}
		RateLimiter rateLimiter = entry.guard.rateLimiter();
		if (entry.ownsRateLimiter && rateLimiter != null) {
			this.registry.removeRateLimiter(rateLimiter);
		}
	}

	/**
	 * The retry, the circuit breaker and the rate limiter of one host.
	 *
	 * @param host the instance name, {@code host[:port]}
	 * @param retry the retry of the host
	 * @param breaker the circuit breaker of the host
	 * @param rateLimiter the rate limiter of the host, or {@code null} when none is configured
	 */
	record HostGuard(String host, Retry retry, CircuitBreaker breaker, @Nullable RateLimiter rateLimiter) {
	}

	/**
	 * A host kept, with the stamp of its latest use and whether its instances were created for
	 * it.
	 */
	private static final class Entry {

		final HostGuard guard;

		final boolean ownsRetry;

		final boolean ownsBreaker;

		final boolean ownsRateLimiter;

		volatile long lastUse;

		Entry(HostGuard guard, boolean ownsRetry, boolean ownsBreaker, boolean ownsRateLimiter) {
			this.guard = guard;
			this.ownsRetry = ownsRetry;
			this.ownsBreaker = ownsBreaker;
			this.ownsRateLimiter = ownsRateLimiter;
		}

		/** Stamps a use, unless this entry has the latest stamp already: repeated use is free. */
		void use(AtomicLong uses) {
			if (this.lastUse != uses.get()) {
				this.lastUse = uses.incrementAndGet();
			}
		}

		boolean holds(Object instance) {
			return this.guard.retry() == instance || this.guard.breaker() == instance
					|| this.guard.rateLimiter() == instance;
		}

	}

	/**
	 * Lets go of a host whose instance was removed from the registry by something else (another
	 * guard that dropped the host), so that no request goes on with an instance that is no longer
	 * shown or metered; the next request takes the registry's instances again.
	 */
	private final class Removals implements ResilienceRegistry.InstanceListener {

		@Override
		public void onCircuitBreakerRemoved(CircuitBreaker circuitBreaker) {
			letGo(circuitBreaker.name(), circuitBreaker);
		}

		@Override
		public void onRetryRemoved(Retry retry) {
			letGo(retry.name(), retry);
		}

		@Override
		public void onRateLimiterRemoved(RateLimiter rateLimiter) {
			letGo(rateLimiter.name(), rateLimiter);
		}

		private void letGo(String name, Object instance) {
			Entry entry = HostGuards.this.entries.get(name);
			if (entry != null && entry.holds(instance) && HostGuards.this.entries.remove(name, entry)) {
				release(entry);
			}
		}

	}

}
