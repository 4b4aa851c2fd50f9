package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;
import dev.resilience.core.RetryBudgetConfig;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiterConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the resilience starter, under {@code resilience}.
 *
 * <p>Each kind of policy has {@code defaults}, applied to every instance, and
 * {@code instances.<name>}, applied to one instance. The precedence is
 * {@code instances.<name>} &gt; annotation attribute &gt; {@code defaults} &gt; built-in
 * default. Values are checked when the configuration is built (see
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
	 * Deadline settings: a timeout that holds at every stage, in-process and over HTTP.
	 */
	private final Deadline deadline = new Deadline();

	/**
	 * HTTP client settings: guarded RestClient and WebClient requests.
	 */
	private final Http http = new Http();

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

	public Deadline getDeadline() {
		return this.deadline;
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
		private final RetryDefaults defaults = new RetryDefaults();

		/**
		 * Settings of named retry instances, which override the defaults and annotation
		 * attributes. Use brackets for names with dots: {@code instances.[api.example.com]}.
		 */
		private final Map<String, RetryInstance> instances = new LinkedHashMap<>();

		public RetryDefaults getDefaults() {
			return this.defaults;
		}

		public Map<String, RetryInstance> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Settings applied to every retry instance.
	 */
	public static class RetryDefaults {

		/**
		 * Total attempts, the first call included. At least 1.
		 */
		private int maxAttempts = RetryConfig.Builder.DEFAULT_MAX_ATTEMPTS;

		/**
		 * Delay before the first retry. Zero or more.
		 */
		private Duration delay = RetryConfig.Builder.DEFAULT_DELAY;

		/**
		 * Factor applied to the delay after each retry. At least 1.
		 */
		private double multiplier = RetryConfig.Builder.DEFAULT_MULTIPLIER;

		/**
		 * Upper bound of any single delay. Zero or more.
		 */
		private Duration maxDelay = RetryConfig.Builder.DEFAULT_MAX_DELAY;

		/**
		 * Random spread of each delay, 0 to 1: a delay is multiplied by a random factor in
		 * [1 - jitter, 1 + jitter].
		 */
		private double jitter = RetryConfig.Builder.DEFAULT_JITTER;

		/**
		 * Bound on the whole retrying call; no delay is started that would end past it. Unset:
		 * no bound.
		 */
		private @Nullable Duration maxDuration;

		/**
		 * Failures to retry (subclasses included); replaces the default classification of
		 * transient failures. Empty: the transient failures.
		 */
		private List<Class<? extends Throwable>> retryOn = new ArrayList<>();

		/**
		 * Failures never retried (subclasses included); wins over retry-on.
		 */
		private List<Class<? extends Throwable>> abortOn = new ArrayList<>();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public @Nullable Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(@Nullable Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		public List<Class<? extends Throwable>> getRetryOn() {
			return this.retryOn;
		}

		public void setRetryOn(List<Class<? extends Throwable>> retryOn) {
			this.retryOn = retryOn;
		}

		public List<Class<? extends Throwable>> getAbortOn() {
			return this.abortOn;
		}

		public void setAbortOn(List<Class<? extends Throwable>> abortOn) {
			this.abortOn = abortOn;
		}


		/**
		 * Retry budget: caps retries relative to traffic so that they never turn into a storm.
		 */
		private final BudgetDefaults budget = new BudgetDefaults();

		public BudgetDefaults getBudget() {
			return this.budget;
		}

	}

	/**
	 * Settings of one named retry instance; unset values fall back to the annotation attributes,
	 * then the defaults.
	 */
	public static class RetryInstance {

		/**
		 * Total attempts, the first call included. At least 1.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Delay before the first retry. Zero or more.
		 */
		private @Nullable Duration delay;

		/**
		 * Factor applied to the delay after each retry. At least 1.
		 */
		private @Nullable Double multiplier;

		/**
		 * Upper bound of any single delay. Zero or more.
		 */
		private @Nullable Duration maxDelay;

		/**
		 * Random spread of each delay, 0 to 1.
		 */
		private @Nullable Double jitter;

		/**
		 * Bound on the whole retrying call; no delay is started that would end past it.
		 */
		private @Nullable Duration maxDuration;

		/**
		 * Failures to retry (subclasses included); replaces the default classification of
		 * transient failures.
		 */
		private @Nullable List<Class<? extends Throwable>> retryOn;

		/**
		 * Failures never retried (subclasses included); wins over retry-on.
		 */
		private @Nullable List<Class<? extends Throwable>> abortOn;

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getDelay() {
			return this.delay;
		}

		public void setDelay(@Nullable Duration delay) {
			this.delay = delay;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public @Nullable Double getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Double jitter) {
			this.jitter = jitter;
		}

		public @Nullable Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(@Nullable Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		public @Nullable List<Class<? extends Throwable>> getRetryOn() {
			return this.retryOn;
		}

		public void setRetryOn(@Nullable List<Class<? extends Throwable>> retryOn) {
			this.retryOn = retryOn;
		}

		public @Nullable List<Class<? extends Throwable>> getAbortOn() {
			return this.abortOn;
		}

		public void setAbortOn(@Nullable List<Class<? extends Throwable>> abortOn) {
			this.abortOn = abortOn;
		}


		/**
		 * Retry budget of this instance; unset values come from the defaults.
		 */
		private final BudgetInstance budget = new BudgetInstance();

		public BudgetInstance getBudget() {
			return this.budget;
		}

	}

	/**
	 * Circuit breaker settings: defaults and named instances.
	 */
	public static class CircuitBreaker {

		/**
		 * Settings applied to every circuit breaker instance.
		 */
		private final CircuitBreakerDefaults defaults = new CircuitBreakerDefaults();

		/**
		 * Settings of named circuit breaker instances, which override the defaults and
		 * annotation attributes. Use brackets for names with dots:
		 * {@code instances.[api.example.com]}.
		 */
		private final Map<String, CircuitBreakerInstance> instances = new LinkedHashMap<>();

		public CircuitBreakerDefaults getDefaults() {
			return this.defaults;
		}

		public Map<String, CircuitBreakerInstance> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Settings applied to every circuit breaker instance.
	 */
	public static class CircuitBreakerDefaults {

		/**
		 * Failure rate, in percent, at which the breaker opens. Greater than 0 and at most 100.
		 */
		private double failureRateThreshold = CircuitBreakerConfig.Builder.DEFAULT_FAILURE_RATE_THRESHOLD;

		/**
		 * Slow-call rate, in percent, at which the breaker opens. Greater than 0 and at most
		 * 100.
		 */
		private double slowCallRateThreshold = CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_RATE_THRESHOLD;

		/**
		 * Duration from which a call counts as slow. Positive.
		 */
		private Duration slowCallDuration = CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_DURATION;

		/**
		 * Whether the sliding window holds the last N calls (count-based) or the calls of the
		 * last N seconds (time-based).
		 */
		private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;

		/**
		 * Size of the sliding window: calls when count-based, seconds when time-based. At least
		 * 1.
		 */
		private int slidingWindowSize = CircuitBreakerConfig.Builder.DEFAULT_SLIDING_WINDOW_SIZE;

		/**
		 * Calls needed in the window before a failure rate is computed. At least 1.
		 */
		private int minimumCalls = CircuitBreakerConfig.Builder.DEFAULT_MINIMUM_CALLS;

		/**
		 * Time the breaker stays open before letting trial calls through. Positive.
		 */
		private Duration waitInOpen = CircuitBreakerConfig.Builder.DEFAULT_WAIT_IN_OPEN;

		/**
		 * Trial calls let through in half-open state. At least 1.
		 */
		private int halfOpenCalls = CircuitBreakerConfig.Builder.DEFAULT_HALF_OPEN_CALLS;

		/**
		 * Failures recorded as failures (subclasses included); replaces the default
		 * classification of transient failures. Empty: the transient failures.
		 */
		private List<Class<? extends Throwable>> recordOn = new ArrayList<>();

		/**
		 * Failures that count as neither success nor failure (subclasses included); wins over
		 * record-on.
		 */
		private List<Class<? extends Throwable>> ignore = new ArrayList<>();

		/**
		 * Whether an open breaker makes the health contributor DOWN instead of UNKNOWN.
		 */
		private boolean healthFailsWhenOpen = false;

		public double getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(double failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public double getSlowCallRateThreshold() {
			return this.slowCallRateThreshold;
		}

		public void setSlowCallRateThreshold(double slowCallRateThreshold) {
			this.slowCallRateThreshold = slowCallRateThreshold;
		}

		public Duration getSlowCallDuration() {
			return this.slowCallDuration;
		}

		public void setSlowCallDuration(Duration slowCallDuration) {
			this.slowCallDuration = slowCallDuration;
		}

		public SlidingWindowType getSlidingWindowType() {
			return this.slidingWindowType;
		}

		public void setSlidingWindowType(SlidingWindowType slidingWindowType) {
			this.slidingWindowType = slidingWindowType;
		}

		public int getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(int slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public int getMinimumCalls() {
			return this.minimumCalls;
		}

		public void setMinimumCalls(int minimumCalls) {
			this.minimumCalls = minimumCalls;
		}

		public Duration getWaitInOpen() {
			return this.waitInOpen;
		}

		public void setWaitInOpen(Duration waitInOpen) {
			this.waitInOpen = waitInOpen;
		}

		public int getHalfOpenCalls() {
			return this.halfOpenCalls;
		}

		public void setHalfOpenCalls(int halfOpenCalls) {
			this.halfOpenCalls = halfOpenCalls;
		}

		public List<Class<? extends Throwable>> getRecordOn() {
			return this.recordOn;
		}

		public void setRecordOn(List<Class<? extends Throwable>> recordOn) {
			this.recordOn = recordOn;
		}

		public List<Class<? extends Throwable>> getIgnore() {
			return this.ignore;
		}

		public void setIgnore(List<Class<? extends Throwable>> ignore) {
			this.ignore = ignore;
		}

		public boolean isHealthFailsWhenOpen() {
			return this.healthFailsWhenOpen;
		}

		public void setHealthFailsWhenOpen(boolean healthFailsWhenOpen) {
			this.healthFailsWhenOpen = healthFailsWhenOpen;
		}

	}

	/**
	 * Settings of one named circuit breaker instance; unset values fall back to the annotation
	 * attributes, then the defaults.
	 */
	public static class CircuitBreakerInstance {

		/**
		 * Failure rate, in percent, at which the breaker opens. Greater than 0 and at most 100.
		 */
		private @Nullable Double failureRateThreshold;

		/**
		 * Slow-call rate, in percent, at which the breaker opens. Greater than 0 and at most
		 * 100.
		 */
		private @Nullable Double slowCallRateThreshold;

		/**
		 * Duration from which a call counts as slow. Positive.
		 */
		private @Nullable Duration slowCallDuration;

		/**
		 * Whether the sliding window holds the last N calls (count-based) or the calls of the
		 * last N seconds (time-based).
		 */
		private @Nullable SlidingWindowType slidingWindowType;

		/**
		 * Size of the sliding window: calls when count-based, seconds when time-based. At least
		 * 1.
		 */
		private @Nullable Integer slidingWindowSize;

		/**
		 * Calls needed in the window before a failure rate is computed. At least 1.
		 */
		private @Nullable Integer minimumCalls;

		/**
		 * Time the breaker stays open before letting trial calls through. Positive.
		 */
		private @Nullable Duration waitInOpen;

		/**
		 * Trial calls let through in half-open state. At least 1.
		 */
		private @Nullable Integer halfOpenCalls;

		/**
		 * Failures recorded as failures (subclasses included); replaces the default
		 * classification of transient failures.
		 */
		private @Nullable List<Class<? extends Throwable>> recordOn;

		/**
		 * Failures that count as neither success nor failure (subclasses included); wins over
		 * record-on.
		 */
		private @Nullable List<Class<? extends Throwable>> ignore;

		/**
		 * Whether this breaker, when open, makes the health contributor DOWN instead of
		 * UNKNOWN.
		 */
		private @Nullable Boolean healthFailsWhenOpen;

		public @Nullable Double getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(@Nullable Double failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public @Nullable Double getSlowCallRateThreshold() {
			return this.slowCallRateThreshold;
		}

		public void setSlowCallRateThreshold(@Nullable Double slowCallRateThreshold) {
			this.slowCallRateThreshold = slowCallRateThreshold;
		}

		public @Nullable Duration getSlowCallDuration() {
			return this.slowCallDuration;
		}

		public void setSlowCallDuration(@Nullable Duration slowCallDuration) {
			this.slowCallDuration = slowCallDuration;
		}

		public @Nullable SlidingWindowType getSlidingWindowType() {
			return this.slidingWindowType;
		}

		public void setSlidingWindowType(@Nullable SlidingWindowType slidingWindowType) {
			this.slidingWindowType = slidingWindowType;
		}

		public @Nullable Integer getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(@Nullable Integer slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public @Nullable Integer getMinimumCalls() {
			return this.minimumCalls;
		}

		public void setMinimumCalls(@Nullable Integer minimumCalls) {
			this.minimumCalls = minimumCalls;
		}

		public @Nullable Duration getWaitInOpen() {
			return this.waitInOpen;
		}

		public void setWaitInOpen(@Nullable Duration waitInOpen) {
			this.waitInOpen = waitInOpen;
		}

		public @Nullable Integer getHalfOpenCalls() {
			return this.halfOpenCalls;
		}

		public void setHalfOpenCalls(@Nullable Integer halfOpenCalls) {
			this.halfOpenCalls = halfOpenCalls;
		}

		public @Nullable List<Class<? extends Throwable>> getRecordOn() {
			return this.recordOn;
		}

		public void setRecordOn(@Nullable List<Class<? extends Throwable>> recordOn) {
			this.recordOn = recordOn;
		}

		public @Nullable List<Class<? extends Throwable>> getIgnore() {
			return this.ignore;
		}

		public void setIgnore(@Nullable List<Class<? extends Throwable>> ignore) {
			this.ignore = ignore;
		}

		public @Nullable Boolean getHealthFailsWhenOpen() {
			return this.healthFailsWhenOpen;
		}

		public void setHealthFailsWhenOpen(@Nullable Boolean healthFailsWhenOpen) {
			this.healthFailsWhenOpen = healthFailsWhenOpen;
		}

	}

	/**
	 * Time limiter settings: defaults and named instances.
	 */
	public static class TimeLimiter {

		/**
		 * Settings applied to every time limiter instance.
		 */
		private final TimeLimiterDefaults defaults = new TimeLimiterDefaults();

		/**
		 * Settings of named time limiter instances, which override the defaults and annotation
		 * attributes. Use brackets for names with dots: {@code instances.[api.example.com]}.
		 */
		private final Map<String, TimeLimiterInstance> instances = new LinkedHashMap<>();

		public TimeLimiterDefaults getDefaults() {
			return this.defaults;
		}

		public Map<String, TimeLimiterInstance> getInstances() {
			return this.instances;
		}

	}

	/**
	 * Settings applied to every time limiter instance.
	 */
	public static class TimeLimiterDefaults {

		/**
		 * Longest time a call may take. Positive.
		 */
		private Duration timeout = TimeLimiterConfig.Builder.DEFAULT_TIMEOUT;

		/**
		 * Whether the work is interrupted when it times out.
		 */
		private boolean cancelRunning = true;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isCancelRunning() {
			return this.cancelRunning;
		}

		public void setCancelRunning(boolean cancelRunning) {
			this.cancelRunning = cancelRunning;
		}

	}

	/**
	 * Settings of one named time limiter instance; unset values fall back to the annotation
	 * attributes, then the defaults.
	 */
	public static class TimeLimiterInstance {

		/**
		 * Longest time a call may take. Positive.
		 */
		private @Nullable Duration timeout;

		/**
		 * Whether the work is interrupted when it times out.
		 */
		private @Nullable Boolean cancelRunning;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Boolean getCancelRunning() {
			return this.cancelRunning;
		}

		public void setCancelRunning(@Nullable Boolean cancelRunning) {
			this.cancelRunning = cancelRunning;
		}

	}

	/**
	 * Retry budget settings applied to every retry instance: over any window, retries may be at
	 * most min-per-second x window-seconds + ratio x first attempts.
	 */
	public static class BudgetDefaults {

		/**
		 * Whether retries are capped relative to traffic.
		 */
		private boolean enabled = true;

		/**
		 * Retries allowed per first attempt in the window. Zero or more.
		 */
		private double ratio = RetryBudgetConfig.Builder.DEFAULT_RATIO;

		/**
		 * Retries per second allowed whatever the traffic, so that a quiet service is never
		 * throttled. Zero or more.
		 */
		private int minPerSecond = RetryBudgetConfig.Builder.DEFAULT_MIN_PER_SECOND;

		/**
		 * Sliding window over which retries and first attempts are counted. At least 10ms.
		 */
		private Duration window = RetryBudgetConfig.Builder.DEFAULT_WINDOW;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public int getMinPerSecond() {
			return this.minPerSecond;
		}

		public void setMinPerSecond(int minPerSecond) {
			this.minPerSecond = minPerSecond;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

	}

	/**
	 * Retry budget settings of one retry instance; unset values come from the defaults.
	 */
	public static class BudgetInstance {

		/**
		 * Whether retries are capped relative to traffic.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Retries allowed per first attempt in the window. Zero or more.
		 */
		private @Nullable Double ratio;

		/**
		 * Retries per second allowed whatever the traffic. Zero or more.
		 */
		private @Nullable Integer minPerSecond;

		/**
		 * Sliding window over which retries and first attempts are counted. At least 10ms.
		 */
		private @Nullable Duration window;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Double getRatio() {
			return this.ratio;
		}

		public void setRatio(@Nullable Double ratio) {
			this.ratio = ratio;
		}

		public @Nullable Integer getMinPerSecond() {
			return this.minPerSecond;
		}

		public void setMinPerSecond(@Nullable Integer minPerSecond) {
			this.minPerSecond = minPerSecond;
		}

		public @Nullable Duration getWindow() {
			return this.window;
		}

		public void setWindow(@Nullable Duration window) {
			this.window = window;
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
		 * Header that carries the remaining time, in milliseconds, from one service to the next.
		 */
		private String header = "X-Request-Timeout";

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
