package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import dev.resilience.http.DeadlineHeaderFormat;

/**
 * Configuration properties of the resilience starter, under {@code resilience}.
 *
 * <p>Each kind of policy has {@code defaults}, applied to every instance, and
 * {@code instances.<name>}, applied to one instance, both of the policy's settings type
 * ({@link RetrySettings}, {@link CircuitBreakerSettings}, {@link TimeLimiterSettings}). The
 * precedence is {@code instances.<name>} &gt; annotation attribute &gt; {@code defaults} &gt;
 * built-in default. Values are checked when the configuration is built (see
 * {@link PropertiesConfigSource#validate()}), not when they are bound.
 *
 * <p>Not thread-safe while being bound; read-only afterwards.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience")
public class ResilienceProperties {

	/**
	 * Whether the resilience annotations take effect. When false, annotated beans are not
	 * proxied and the annotations do nothing.
	 */
	private boolean enabled = true;

	/**
	 * Retry settings.
	 */
	private final Retry retry = new Retry();

	/**
	 * Circuit breaker settings.
	 */
	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	/**
	 * Time limiter settings.
	 */
	private final TimeLimiter timeLimiter = new TimeLimiter();

	/**
	 * Concurrency limit settings.
	 */
	private final ConcurrencyLimit concurrencyLimit = new ConcurrencyLimit();

	/**
	 * Rate limiter settings.
	 */
	private final RateLimiter rateLimiter = new RateLimiter();

	/**
	 * Hedge settings: a second attempt of slow idempotent work beside the first.
	 */
	private final Hedge hedge = new Hedge();

	/**
	 * Load shedding settings: the concurrency limit "inbound" applied to served requests.
	 */
	private final LoadShedding loadShedding = new LoadShedding();

	/**
	 * Redis settings: where rate limiters with store redis keep the state shared by the fleet.
	 */
	private final Redis redis = new Redis();

	/**
	 * Deadline settings: a timeout that holds at every stage, in-process and over HTTP.
	 */
	private final Deadline deadline = new Deadline();

	/**
	 * HTTP client settings: guarded RestClient and WebClient requests.
	 */
	private final Http http = new Http();

	/**
	 * Faults injected for game days and tests.
	 */
	private final Faults faults = new Faults();

	/**
	 * Observations of guarded calls.
	 */
	private final Observations observations = new Observations();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public TimeLimiter getTimeLimiter() {
		return this.timeLimiter;
	}

	public ConcurrencyLimit getConcurrencyLimit() {
		return this.concurrencyLimit;
	}

	public RateLimiter getRateLimiter() {
		return this.rateLimiter;
	}

	public Hedge getHedge() {
		return this.hedge;
	}

	public LoadShedding getLoadShedding() {
		return this.loadShedding;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Deadline getDeadline() {
		return this.deadline;
	}

	public Faults getFaults() {
		return this.faults;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * Retry settings: defaults and named instances.
	 */
	public static class Retry {

		/**
		 * Settings applied to every retry instance.
		 */
		@NestedConfigurationProperty
		private final RetrySettings defaults = RetrySettings.withBuiltInDefaults();

		/**
		 * Settings of named retry instances, which override the defaults and annotation
		 * attributes. Use brackets for names with dots: {@code instances.[api.example.com]}.
		 */
		private final Map<String, RetrySettings> instances = new LinkedHashMap<>();

		public RetrySettings getDefaults() {
			return this.defaults;
		}

		public Map<String, RetrySettings> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Circuit breaker settings: defaults and named instances.
	 */
	public static class CircuitBreaker {

		/**
		 * Settings applied to every circuit breaker instance.
		 */
		@NestedConfigurationProperty
		private final CircuitBreakerSettings defaults = CircuitBreakerSettings.withBuiltInDefaults();

		/**
		 * Settings of named circuit breaker instances, which override the defaults and
		 * annotation attributes. Use brackets for names with dots:
		 * {@code instances.[api.example.com]}.
		 */
		private final Map<String, CircuitBreakerSettings> instances = new LinkedHashMap<>();

		public CircuitBreakerSettings getDefaults() {
			return this.defaults;
		}

		public Map<String, CircuitBreakerSettings> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Time limiter settings: defaults and named instances.
	 */
	public static class TimeLimiter {

		/**
		 * Settings applied to every time limiter instance.
		 */
		@NestedConfigurationProperty
		private final TimeLimiterSettings defaults = TimeLimiterSettings.withBuiltInDefaults();

		/**
		 * Settings of named time limiter instances, which override the defaults and annotation
		 * attributes. Use brackets for names with dots: {@code instances.[api.example.com]}.
		 */
		private final Map<String, TimeLimiterSettings> instances = new LinkedHashMap<>();

		public TimeLimiterSettings getDefaults() {
			return this.defaults;
		}

		public Map<String, TimeLimiterSettings> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Concurrency limit settings: defaults and named instances.
	 */
	public static class ConcurrencyLimit {

		/**
		 * Settings applied to every concurrency limit instance.
		 */
		@NestedConfigurationProperty
		private final ConcurrencyLimitSettings defaults = ConcurrencyLimitSettings.withBuiltInDefaults();

		/**
		 * Settings of named concurrency limit instances, which override the defaults and
		 * annotation attributes. The instance "inbound" is the limit of load shedding.
		 */
		private final Map<String, ConcurrencyLimitSettings> instances = new LinkedHashMap<>();

		public ConcurrencyLimitSettings getDefaults() {
			return this.defaults;
		}

		public Map<String, ConcurrencyLimitSettings> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Rate limiter settings: defaults and named instances.
	 */
	public static class RateLimiter {

		/**
		 * Settings applied to every rate limiter instance.
		 */
		@NestedConfigurationProperty
		private final RateLimiterSettings defaults = RateLimiterSettings.withBuiltInDefaults();

		/**
		 * Settings of named rate limiter instances, which override the defaults and annotation
		 * attributes. A guarded HTTP client applies the rate limiter of a host configured here:
		 * {@code instances.[api.example.com]}.
		 */
		private final Map<String, RateLimiterSettings> instances = new LinkedHashMap<>();

		public RateLimiterSettings getDefaults() {
			return this.defaults;
		}

		public Map<String, RateLimiterSettings> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Hedge settings: defaults and named instances.
	 */
	public static class Hedge {

		/**
		 * Settings applied to every hedge instance.
		 */
		@NestedConfigurationProperty
		private final HedgeSettings defaults = HedgeSettings.withBuiltInDefaults();

		/**
		 * Settings of named hedge instances, which override the defaults and annotation
		 * attributes. Use brackets for names with dots: {@code instances.[api.example.com]}.
		 */
		private final Map<String, HedgeSettings> instances = new LinkedHashMap<>();

		public HedgeSettings getDefaults() {
			return this.defaults;
		}

		public Map<String, HedgeSettings> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Observations of guarded calls, where the application has an ObservationRegistry.
	 */
	public static class Observations {

		/**
		 * Whether each call of an annotated method is an observation of its own,
		 * "resilience.call", with the low-cardinality keys name, kind and outcome. What the
		 * policies do to a call is an event of the observation in progress either way.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Faults injected into guarded calls for game days and tests: latency, exceptions and, for
	 * guarded HTTP clients' hosts, statuses answered without sending the request.
	 */
	public static class Faults {

		/**
		 * Whether faults are injected and the faults endpoint exists. Never on unless set.
		 */
		private boolean enabled;

		/**
		 * Faults of named instances: an annotated method's instance name, or a guarded HTTP
		 * client's host. Use brackets for names with dots: {@code instances.[api.example.com]}.
		 */
		private final Map<String, FaultSettings> instances = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Map<String, FaultSettings> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Load shedding: served requests pass the concurrency limit named "inbound"; one that finds
	 * no slot is answered 503 with Retry-After, and no handler runs.
	 */
	public static class LoadShedding {

		/**
		 * Whether every served request passes the concurrency limit "inbound".
		 */
		private boolean enabled;

		/**
		 * Path patterns never shed, so that health answers while the service is overloaded.
		 */
		private List<String> exclude = new ArrayList<>(List.of("/actuator/**"));

		/**
		 * Retry-After sent with the 503, in whole seconds (rounded up).
		 */
		private Duration retryAfter = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

	/**
	 * Redis settings, for the state that every instance of the application shares. The
	 * connection is the application's own Spring Data Redis connection.
	 */
	public static class Redis {

		/**
		 * Prefix of every key, so that applications sharing one Redis keep apart. Default:
		 * "resilience:" followed by spring.application.name and ":".
		 */
		private @Nullable String keyPrefix;

		/**
		 * Longest time one decision may take in Redis; past it, or when Redis does not answer,
		 * the instance decides locally.
		 */
		private Duration timeout = Duration.ofMillis(50);

		public @Nullable String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(@Nullable String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Deadline settings: a guarded call with a time bound sets a deadline for everything it
	 * calls, and served requests can receive one from their caller.
	 */
	public static class Deadline {

		/**
		 * Whether served requests get deadlines from the request-timeout header or the inbound
		 * default.
		 */
		private boolean enabled = true;

		/**
		 * Header that carries the remaining time from one service to the next. With header-format
		 * grpc, grpc-timeout unless another header is set.
		 */
		private String header = DeadlineHeaderFormat.MILLIS.defaultHeader();

		/**
		 * How the header writes the remaining time: millis (whole milliseconds) or grpc (gRPC's
		 * grpc-timeout format, such as 2500m), read from served requests and sent by guarded HTTP
		 * clients.
		 */
		private DeadlineHeaderFormat headerFormat = DeadlineHeaderFormat.MILLIS;

		/**
		 * Whether a request carrying the header gets that deadline (shortened by the inbound
		 * default, never lengthened).
		 */
		private boolean inbound = true;

		/**
		 * Deadline of every served request, for example 10s. Unset: none.
		 */
		private @Nullable Duration inboundDefault;

		/**
		 * Whether guarded HTTP clients send the remaining time, and send nothing once it is
		 * spent.
		 */
		private boolean outbound = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public DeadlineHeaderFormat getHeaderFormat() {
			return this.headerFormat;
		}

		public void setHeaderFormat(DeadlineHeaderFormat headerFormat) {
			this.headerFormat = headerFormat;
		}

		/**
		 * Returns the header that carries the deadline: {@code header}, or the format's own
		 * ({@code grpc-timeout}) when the format is not milliseconds and the header was left on
		 * its default.
		 * @return the header name
		 */
		public String headerName() {
			boolean headerLeftOnDefault = DeadlineHeaderFormat.MILLIS.defaultHeader().equals(this.header);
			return headerLeftOnDefault ? this.headerFormat.defaultHeader() : this.header;
		}

		public boolean isInbound() {
			return this.inbound;
		}

		public void setInbound(boolean inbound) {
			this.inbound = inbound;
		}

		public @Nullable Duration getInboundDefault() {
			return this.inboundDefault;
		}

		public void setInboundDefault(@Nullable Duration inboundDefault) {
			this.inboundDefault = inboundDefault;
		}

		public boolean isOutbound() {
			return this.outbound;
		}

		public void setOutbound(boolean outbound) {
			this.outbound = outbound;
		}

	}

	/**
	 * HTTP client settings: which requests of guarded RestClients and WebClients are retried and
	 * which headers they get. Each downstream host[:port] is a retry and circuit breaker instance.
	 */
	public static class Http {

		/**
		 * Whether every RestClient and WebClient built from Boot's builders is guarded. The guard
		 * beans exist either way and can be added to one client by hand.
		 */
		private boolean enabled;

		/**
		 * Idempotent methods, retried after read errors and the listed statuses.
		 */
		private List<String> methods = new ArrayList<>(List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"));

		/**
		 * Statuses retried for idempotent requests and requests that carry an idempotency key.
		 */
		private List<Integer> statuses = new ArrayList<>(List.of(408, 429, 502, 503, 504));

		/**
		 * Header that carries the idempotency key added to POST and PATCH requests, which makes
		 * them retryable. Empty: never add one.
		 */
		private String idempotencyKeyHeader = "Idempotency-Key";

		/**
		 * Most downstream hosts that keep their own retry, circuit breaker and meters. Past it,
		 * those of the least recently used host are dropped, and created again on its next
		 * request. Must be at least 1.
		 */
		private int maxHosts = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods;
		}

		public List<Integer> getStatuses() {
			return this.statuses;
		}

		public void setStatuses(List<Integer> statuses) {
			this.statuses = statuses;
		}

		public String getIdempotencyKeyHeader() {
			return this.idempotencyKeyHeader;
		}

		public void setIdempotencyKeyHeader(String idempotencyKeyHeader) {
			this.idempotencyKeyHeader = idempotencyKeyHeader;
		}

		public int getMaxHosts() {
			return this.maxHosts;
		}

		public void setMaxHosts(int maxHosts) {
			this.maxHosts = maxHosts;
		}

	}

}
