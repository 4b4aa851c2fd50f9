package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.resilience.autoconfigure.ResilienceProperties.BudgetDefaults;
import dev.resilience.autoconfigure.ResilienceProperties.BudgetInstance;
import dev.resilience.autoconfigure.ResilienceProperties.CircuitBreakerDefaults;
import dev.resilience.autoconfigure.ResilienceProperties.CircuitBreakerInstance;
import dev.resilience.autoconfigure.ResilienceProperties.RetryDefaults;
import dev.resilience.autoconfigure.ResilienceProperties.RetryInstance;
import dev.resilience.autoconfigure.ResilienceProperties.TimeLimiterDefaults;
import dev.resilience.autoconfigure.ResilienceProperties.TimeLimiterInstance;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.RetryAfterExtractor;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiterConfig;
import dev.resilience.http.HttpRetryAfterExtractor;
import dev.resilience.http.SpringTransientFailures;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConfigSource} backed by {@link ResilienceProperties}. The settings of an instance are
 * layered, the later winning: built-in defaults, {@code resilience.<kind>.defaults}, settings
 * from code (annotation attributes), {@code resilience.<kind>.instances.<name>}.
 *
 * <p>A value a builder rejects is reported as an {@link InvalidConfigurationException} that names
 * the full property key, such as {@code resilience.retry.instances.inventory.max-attempts}.
 * Rejections by the settings from code pass through unchanged, since their caller knows which
 * annotation they came from. Every retry and circuit breaker gets the Spring-aware
 * classification of transient failures ({@link SpringTransientFailures}); every retry reads
 * HTTP {@code Retry-After} ({@link HttpRetryAfterExtractor}).
 *
 * <p>Thread-safe once the properties are bound, as long as they are no longer changed.
 *
 * @since 0.1.0
 */
public final class PropertiesConfigSource implements ConfigSource {

	private static final String RETRY = "resilience.retry.";

	private static final String CIRCUIT_BREAKER = "resilience.circuit-breaker.";

	private static final String TIME_LIMITER = "resilience.time-limiter.";

	/** The characters of an HTTP field name besides letters and digits (RFC 9110, token). */
	private static final String HEADER_SYMBOLS = "!#$%&'*+-.^_`|~";

	private final ResilienceProperties properties;

	private final Predicate<Throwable> transientFailures;

	private final RetryAfterExtractor retryAfter;

	/**
	 * Creates a source with the default classification of transient failures and the HTTP
	 * {@code Retry-After} extractor.
	 * @param properties the bound properties
	 */
	public PropertiesConfigSource(ResilienceProperties properties) {
		this(properties, SpringTransientFailures.defaults(), new HttpRetryAfterExtractor());
	}

	/**
	 * Creates a source.
	 * @param properties the bound properties
	 * @param transientFailures the classification set on every retry and circuit breaker
	 * @param retryAfter the extractor set on every retry
	 */
	public PropertiesConfigSource(ResilienceProperties properties, Predicate<Throwable> transientFailures,
			RetryAfterExtractor retryAfter) {
		this.properties = properties;
		this.transientFailures = transientFailures;
		this.retryAfter = retryAfter;
	}

	@Override
	public RetryConfig retry(String name, Consumer<RetryConfig.Builder> fromCode) {
		RetryConfig.Builder builder = retryDefaults();
		fromCode.accept(builder);
		RetryInstance instance = this.properties.getRetry().getInstances().get(name);
		if (instance != null) {
			Layer layer = Layer.instance(RETRY, name);
			layer.set("max-attempts", instance.getMaxAttempts(), builder::maxAttempts);
			layer.set("delay", instance.getDelay(), builder::delay);
			layer.set("multiplier", instance.getMultiplier(), builder::multiplier);
			layer.set("max-delay", instance.getMaxDelay(), builder::maxDelay);
			layer.set("jitter", instance.getJitter(), builder::jitter);
			layer.set("max-duration", instance.getMaxDuration(), builder::maxDuration);
			layer.setTypes("retry-on", instance.getRetryOn(), builder::retryOn);
			layer.setTypes("abort-on", instance.getAbortOn(), builder::abortOn);
			BudgetInstance budget = instance.getBudget();
			layer.set("budget.enabled", budget.getEnabled(), (value) -> builder.budget((b) -> b.enabled(value)));
			layer.set("budget.ratio", budget.getRatio(), (value) -> builder.budget((b) -> b.ratio(value)));
			layer.set("budget.min-per-second", budget.getMinPerSecond(),
					(value) -> builder.budget((b) -> b.minPerSecond(value)));
			layer.set("budget.window", budget.getWindow(), (value) -> builder.budget((b) -> b.window(value)));
		}
		return builder.build();
	}

	@Override
	public CircuitBreakerConfig circuitBreaker(String name, Consumer<CircuitBreakerConfig.Builder> fromCode) {
		CircuitBreakerConfig.Builder builder = circuitBreakerDefaults();
		fromCode.accept(builder);
		CircuitBreakerInstance instance = this.properties.getCircuitBreaker().getInstances().get(name);
		if (instance != null) {
			Layer layer = Layer.instance(CIRCUIT_BREAKER, name);
			layer.set("failure-rate-threshold", instance.getFailureRateThreshold(), builder::failureRateThreshold);
			layer.set("slow-call-rate-threshold", instance.getSlowCallRateThreshold(),
					builder::slowCallRateThreshold);
			layer.set("slow-call-duration", instance.getSlowCallDuration(), builder::slowCallDuration);
			layer.set("sliding-window-type", instance.getSlidingWindowType(), builder::slidingWindowType);
			layer.set("sliding-window-size", instance.getSlidingWindowSize(), builder::slidingWindowSize);
			layer.set("minimum-calls", instance.getMinimumCalls(), builder::minimumCalls);
			layer.set("wait-in-open", instance.getWaitInOpen(), builder::waitInOpen);
			layer.set("half-open-calls", instance.getHalfOpenCalls(), builder::halfOpenCalls);
			layer.setTypes("record-on", instance.getRecordOn(), builder::recordOn);
			layer.setTypes("ignore", instance.getIgnore(), builder::ignore);
		}
		return build(builder, (instance != null) ? Layer.instance(CIRCUIT_BREAKER, name) : Layer.defaults(CIRCUIT_BREAKER));
	}

	/** Builds, naming the full key of a setting that conflicts with another (window type and size). */
	private static CircuitBreakerConfig build(CircuitBreakerConfig.Builder builder, Layer layer) {
		try {
			return builder.build();
		}
		catch (InvalidConfigurationException ex) {
			throw ex.getProperty().startsWith("resilience.") ? ex : ex.withProperty(layer.key(ex.getProperty()));
		}
	}

	@Override
	public TimeLimiterConfig timeLimiter(String name, Consumer<TimeLimiterConfig.Builder> fromCode) {
		TimeLimiterConfig.Builder builder = timeLimiterDefaults();
		fromCode.accept(builder);
		TimeLimiterInstance instance = this.properties.getTimeLimiter().getInstances().get(name);
		if (instance != null) {
			Layer layer = Layer.instance(TIME_LIMITER, name);
			layer.set("timeout", instance.getTimeout(), builder::timeout);
			layer.set("cancel-running", instance.getCancelRunning(), builder::cancelRunning);
		}
		return builder.build();
	}

	/**
	 * Whether an open circuit breaker of the given name makes the health contributor
	 * {@code DOWN} rather than {@code UNKNOWN}: {@code health-fails-when-open} of the instance,
	 * else of the defaults.
	 * @param name the instance name
	 * @return true if an open breaker means the application is unhealthy
	 */
	public boolean healthFailsWhenOpen(String name) {
		CircuitBreakerInstance instance = this.properties.getCircuitBreaker().getInstances().get(name);
		Boolean fails = (instance != null) ? instance.getHealthFailsWhenOpen() : null;
		return (fails != null) ? fails : this.properties.getCircuitBreaker().getDefaults().isHealthFailsWhenOpen();
	}

	/**
	 * Builds the defaults and every configured instance once, so that bad configuration fails
	 * start-up even for instances that no method uses. Settings from code are not involved.
	 * @throws InvalidConfigurationException naming the full key of the first rejected value
	 */
	public void validate() {
		retryDefaults().build();
		build(circuitBreakerDefaults(), Layer.defaults(CIRCUIT_BREAKER));
		timeLimiterDefaults().build();
		retryInstanceNames().forEach((name) -> retry(name, (builder) -> {
		}));
		circuitBreakerInstanceNames().forEach((name) -> circuitBreaker(name, (builder) -> {
		}));
		timeLimiterInstanceNames().forEach((name) -> timeLimiter(name, (builder) -> {
		}));
		validateDeadline(this.properties.getDeadline());
	}

	/**
	 * Rejects a deadline header that is no HTTP header name (it would switch inbound and
	 * outbound deadlines off without a word) and a negative inbound default (every request would
	 * fail at once).
	 */
	private static void validateDeadline(ResilienceProperties.Deadline deadline) {
		String header = deadline.getHeader();
		boolean valid = !header.isEmpty();
		for (int i = 0; valid && i < header.length(); i++) {
			char c = header.charAt(i);
			valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| HEADER_SYMBOLS.indexOf(c) >= 0;
		}
		if (!valid) {
			throw new InvalidConfigurationException("resilience.deadline.header", header,
					"a non-empty HTTP header name of letters, digits and " + HEADER_SYMBOLS);
		}
		Duration inboundDefault = deadline.getInboundDefault();
		if (inboundDefault != null && inboundDefault.isNegative()) {
			throw new InvalidConfigurationException("resilience.deadline.inbound-default", inboundDefault,
					"a duration of zero or more (zero or empty: no default deadline)");
		}
	}

	/**
	 * Returns the names under {@code resilience.retry.instances}, in configuration order.
	 * @return the configured retry instance names
	 */
	public Set<String> retryInstanceNames() {
		return names(this.properties.getRetry().getInstances());
	}

	/**
	 * Returns the names under {@code resilience.circuit-breaker.instances}, in configuration
	 * order.
	 * @return the configured circuit breaker instance names
	 */
	public Set<String> circuitBreakerInstanceNames() {
		return names(this.properties.getCircuitBreaker().getInstances());
	}

	/**
	 * Returns the names under {@code resilience.time-limiter.instances}, in configuration order.
	 * @return the configured time limiter instance names
	 */
	public Set<String> timeLimiterInstanceNames() {
		return names(this.properties.getTimeLimiter().getInstances());
	}

	private RetryConfig.Builder retryDefaults() {
		RetryConfig.Builder builder = RetryConfig.builder()
			.transientFailures(this.transientFailures)
			.retryAfter(this.retryAfter);
		RetryDefaults defaults = this.properties.getRetry().getDefaults();
		Layer layer = Layer.defaults(RETRY);
		layer.set("max-attempts", defaults.getMaxAttempts(), builder::maxAttempts);
		layer.set("delay", defaults.getDelay(), builder::delay);
		layer.set("multiplier", defaults.getMultiplier(), builder::multiplier);
		layer.set("max-delay", defaults.getMaxDelay(), builder::maxDelay);
		layer.set("jitter", defaults.getJitter(), builder::jitter);
		layer.set("max-duration", defaults.getMaxDuration(), builder::maxDuration);
		layer.setTypes("retry-on", defaults.getRetryOn(), builder::retryOn);
		layer.setTypes("abort-on", defaults.getAbortOn(), builder::abortOn);
		BudgetDefaults budget = defaults.getBudget();
		layer.set("budget.enabled", budget.isEnabled(), (value) -> builder.budget((b) -> b.enabled(value)));
		layer.set("budget.ratio", budget.getRatio(), (value) -> builder.budget((b) -> b.ratio(value)));
		layer.set("budget.min-per-second", budget.getMinPerSecond(),
				(value) -> builder.budget((b) -> b.minPerSecond(value)));
		layer.set("budget.window", budget.getWindow(), (value) -> builder.budget((b) -> b.window(value)));
		return builder;
	}

	private CircuitBreakerConfig.Builder circuitBreakerDefaults() {
		CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.builder()
			.transientFailures(this.transientFailures);
		CircuitBreakerDefaults defaults = this.properties.getCircuitBreaker().getDefaults();
		Layer layer = Layer.defaults(CIRCUIT_BREAKER);
		layer.set("failure-rate-threshold", defaults.getFailureRateThreshold(), builder::failureRateThreshold);
		layer.set("slow-call-rate-threshold", defaults.getSlowCallRateThreshold(), builder::slowCallRateThreshold);
		layer.set("slow-call-duration", defaults.getSlowCallDuration(), builder::slowCallDuration);
		layer.set("sliding-window-type", defaults.getSlidingWindowType(), builder::slidingWindowType);
		layer.set("sliding-window-size", defaults.getSlidingWindowSize(), builder::slidingWindowSize);
		layer.set("minimum-calls", defaults.getMinimumCalls(), builder::minimumCalls);
		layer.set("wait-in-open", defaults.getWaitInOpen(), builder::waitInOpen);
		layer.set("half-open-calls", defaults.getHalfOpenCalls(), builder::halfOpenCalls);
		layer.setTypes("record-on", defaults.getRecordOn(), builder::recordOn);
		layer.setTypes("ignore", defaults.getIgnore(), builder::ignore);
		return builder;
	}

	private TimeLimiterConfig.Builder timeLimiterDefaults() {
		TimeLimiterConfig.Builder builder = TimeLimiterConfig.builder();
		TimeLimiterDefaults defaults = this.properties.getTimeLimiter().getDefaults();
		Layer layer = Layer.defaults(TIME_LIMITER);
		layer.set("timeout", defaults.getTimeout(), builder::timeout);
		layer.set("cancel-running", defaults.isCancelRunning(), builder::cancelRunning);
		return builder;
	}

	/**
	 * Returns an instance name as it is written in a property key: as is when it is a simple
	 * lower-case element, otherwise in brackets ({@code [api.example.com]}).
	 * @param name the instance name
	 * @return the map key
	 */
	static String mapKey(String name) {
		if (name.isEmpty() || name.charAt(0) == '-') {
			return "[" + name + "]";
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				return "[" + name + "]";
			}
		}
		return name;
	}

	private static Set<String> names(Map<String, ?> instances) {
		return Collections.unmodifiableSet(new LinkedHashSet<>(instances.keySet()));
	}

	/**
	 * One layer of properties, the defaults or one instance, that names the full key of any
	 * value a builder rejects.
	 */
	private static final class Layer {

		private final String prefix;

		private Layer(String prefix) {
			this.prefix = prefix;
		}

		static Layer defaults(String kind) {
			return new Layer(kind + "defaults.");
		}

		static Layer instance(String kind, String name) {
			return new Layer(kind + "instances." + mapKey(name) + ".");
		}

		String key(String setting) {
			return this.prefix + setting;
		}

		<T> void set(String key, @Nullable T value, Consumer<T> setter) {
			if (value == null) {
				return;
			}
			try {
				setter.accept(value);
			}
			catch (InvalidConfigurationException ex) {
				throw ex.withProperty(this.prefix + key);
			}
		}

		void setTypes(String key, @Nullable List<Class<? extends Throwable>> types,
				Consumer<List<Class<? extends Throwable>>> setter) {
			if (types == null) {
				return;
			}
			for (int i = 0; i < types.size(); i++) {
				Class<?> type = types.get(i);
				if (!Throwable.class.isAssignableFrom(type)) {
					throw new InvalidConfigurationException(this.prefix + key + "[" + i + "]", type.getName(),
							"a Throwable class");
				}
			}
			set(key, types, setter);
		}

	}

}
