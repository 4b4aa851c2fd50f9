package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.FaultConfig;
import dev.resilience.core.HedgeConfig;
import dev.resilience.core.HedgeDelay;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.RetryAfterExtractor;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.Store;
import dev.resilience.core.TimeLimiterConfig;
import dev.resilience.http.HttpRetryAfterExtractor;
import dev.resilience.http.SpringTransientFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.convert.DurationStyle;

/**
 * A {@link ConfigSource} backed by {@link ResilienceProperties}. The settings of an instance are
 * layered, the later winning: built-in defaults, {@code resilience.<kind>.defaults}, settings
 * from code (annotation attributes), {@code resilience.<kind>.instances.<name>}. Both layers of
 * properties are mapped into the builder by the same method, which skips the values left unset.
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
		return retries().config(name, fromCode);
	}

	@Override
	public CircuitBreakerConfig circuitBreaker(String name, Consumer<CircuitBreakerConfig.Builder> fromCode) {
		return circuitBreakers().config(name, fromCode);
	}

	@Override
	public TimeLimiterConfig timeLimiter(String name, Consumer<TimeLimiterConfig.Builder> fromCode) {
		return timeLimiters().config(name, fromCode);
	}

	@Override
	public ConcurrencyLimitConfig concurrencyLimit(String name, Consumer<ConcurrencyLimitConfig.Builder> fromCode) {
		return concurrencyLimits().config(name, fromCode);
	}

	@Override
	public RateLimiterConfig rateLimiter(String name, Consumer<RateLimiterConfig.Builder> fromCode) {
		return rateLimiters().config(name, fromCode);
	}

	@Override
	public HedgeConfig hedge(String name, Consumer<HedgeConfig.Builder> fromCode) {
		return hedges().config(name, fromCode);
	}

	@Override
	public boolean hasRateLimiter(String name) {
		return this.properties.getRateLimiter().getInstances().containsKey(name);
	}

	/**
	 * Whether an open circuit breaker of the given name makes the health contributor
	 * {@code DOWN} rather than {@code UNKNOWN}: {@code health-fails-when-open} of the instance,
	 * else of the defaults.
	 * @param name the instance name
	 * @return true if an open breaker means the application is unhealthy
	 */
	public boolean healthFailsWhenOpen(String name) {
		ResilienceProperties.CircuitBreaker circuitBreaker = this.properties.getCircuitBreaker();
		CircuitBreakerSettings instance = circuitBreaker.getInstances().get(name);
		Boolean fails = (instance != null) ? instance.getHealthFailsWhenOpen() : null;
		return Boolean.TRUE.equals((fails != null) ? fails : circuitBreaker.getDefaults().getHealthFailsWhenOpen());
	}

	/**
	 * Builds the defaults and every configured instance once, so that bad configuration fails
	 * start-up even for instances that no method uses. Settings from code are not involved.
	 * @throws InvalidConfigurationException naming the full key of the first rejected value
	 */
	public void validate() {
		List<Layers<?, ?, ?>> kinds = List.of(retries(), circuitBreakers(), timeLimiters(), concurrencyLimits(),
				rateLimiters(), hedges());
		kinds.forEach(Layers::buildDefaults);
		kinds.forEach(Layers::buildInstances);
		validateDeadline(this.properties.getDeadline());
		faults();
	}

	/**
	 * Returns the faults configured under {@code resilience.faults.instances}, by instance name.
	 * @return the faults, in configuration order
	 * @throws InvalidConfigurationException naming the full key of the first rejected value
	 */
	public Map<String, FaultConfig> faults() {
		Map<String, FaultConfig> faults = new LinkedHashMap<>();
		this.properties.getFaults().getInstances().forEach((name, settings) -> {
			try {
				faults.put(name, mapFaults(settings));
			}
			catch (InvalidConfigurationException ex) {
				throw ex.withProperty("resilience.faults.instances." + mapKey(name) + "." + ex.getProperty());
			}
		});
		return faults;
	}

	/**
	 * Returns the names under {@code resilience.faults.instances}, in configuration order.
	 * @return the instance names that faults are configured for
	 */
	public Set<String> faultInstanceNames() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.properties.getFaults().getInstances().keySet()));
	}

	private static FaultConfig mapFaults(FaultSettings settings) {
		FaultConfig.Builder builder = FaultConfig.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(settings::getLatency).to(builder::latency);
		map.from(settings::getLatencyRate).to(builder::latencyRate);
		map.from(settings::getException).to(builder::exception);
		map.from(settings::getExceptionRate).to(builder::exceptionRate);
		map.from(settings::getStatus).to(builder::status);
		map.from(settings::getStatusRate).to(builder::statusRate);
		map.from(settings::getRetryAfter).to(builder::retryAfter);
		return builder.build();
	}

	/**
	 * Rejects a rate limiter or retry budget that keeps its state in Redis where the application
	 * has no Redis connection to keep it in: it would silently count locally.
	 * @param sharedStoreAvailable whether a shared store (a Redis connection) is available
	 * @throws InvalidConfigurationException naming the first such property
	 */
	public void validateStores(boolean sharedStoreAvailable) {
		if (sharedStoreAvailable) {
			return;
		}
		ResilienceProperties.RateLimiter rateLimiter = this.properties.getRateLimiter();
		rejectRedis("resilience.rate-limiter.defaults.store", rateLimiter.getDefaults().getStore());
		rateLimiter.getInstances()
			.forEach((name, settings) -> rejectRedis(
					"resilience.rate-limiter.instances." + mapKey(name) + ".store", settings.getStore()));
		ResilienceProperties.Retry retry = this.properties.getRetry();
		rejectRedis("resilience.retry.defaults.budget.store", retry.getDefaults().getBudget().getStore());
		retry.getInstances()
			.forEach((name, settings) -> rejectRedis(
					"resilience.retry.instances." + mapKey(name) + ".budget.store", settings.getBudget().getStore()));
	}

	private static void rejectRedis(String property, @Nullable Store store) {
		if (store == Store.REDIS) {
			throw new InvalidConfigurationException(property, "redis",
					"local, unless the application has a Redis connection: add spring-boot-starter-data-redis and "
							+ "configure spring.data.redis.host and port");
		}
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
		return retries().names();
	}

	/**
	 * Returns the names under {@code resilience.circuit-breaker.instances}, in configuration
	 * order.
	 * @return the configured circuit breaker instance names
	 */
	public Set<String> circuitBreakerInstanceNames() {
		return circuitBreakers().names();
	}

	/**
	 * Returns the names under {@code resilience.time-limiter.instances}, in configuration order.
	 * @return the configured time limiter instance names
	 */
	public Set<String> timeLimiterInstanceNames() {
		return timeLimiters().names();
	}

	/**
	 * Returns the names under {@code resilience.concurrency-limit.instances}, in configuration
	 * order.
	 * @return the configured concurrency limit instance names
	 */
	public Set<String> concurrencyLimitInstanceNames() {
		return concurrencyLimits().names();
	}

	/**
	 * Returns the names under {@code resilience.rate-limiter.instances}, in configuration order.
	 * @return the configured rate limiter instance names
	 */
	public Set<String> rateLimiterInstanceNames() {
		return rateLimiters().names();
	}

	/**
	 * Returns the names under {@code resilience.hedge.instances}, in configuration order.
	 * @return the configured hedge instance names
	 */
	public Set<String> hedgeInstanceNames() {
		return hedges().names();
	}

	private Layers<RetrySettings, RetryConfig.Builder, RetryConfig> retries() {
		ResilienceProperties.Retry retry = this.properties.getRetry();
		return new Layers<>("resilience.retry.", retry.getDefaults(), retry.getInstances(),
				() -> RetryConfig.builder().transientFailures(this.transientFailures).retryAfter(this.retryAfter),
				PropertiesConfigSource::mapRetry, RetryConfig.Builder::build);
	}

	private Layers<CircuitBreakerSettings, CircuitBreakerConfig.Builder, CircuitBreakerConfig> circuitBreakers() {
		ResilienceProperties.CircuitBreaker circuitBreaker = this.properties.getCircuitBreaker();
		return new Layers<>("resilience.circuit-breaker.", circuitBreaker.getDefaults(),
				circuitBreaker.getInstances(),
				() -> CircuitBreakerConfig.builder().transientFailures(this.transientFailures),
				PropertiesConfigSource::mapCircuitBreaker, CircuitBreakerConfig.Builder::build);
	}

	private Layers<TimeLimiterSettings, TimeLimiterConfig.Builder, TimeLimiterConfig> timeLimiters() {
		ResilienceProperties.TimeLimiter timeLimiter = this.properties.getTimeLimiter();
		return new Layers<>("resilience.time-limiter.", timeLimiter.getDefaults(), timeLimiter.getInstances(),
				TimeLimiterConfig::builder, PropertiesConfigSource::mapTimeLimiter, TimeLimiterConfig.Builder::build);
	}

	private Layers<ConcurrencyLimitSettings, ConcurrencyLimitConfig.Builder, ConcurrencyLimitConfig> concurrencyLimits() {
		ResilienceProperties.ConcurrencyLimit concurrencyLimit = this.properties.getConcurrencyLimit();
		return new Layers<>("resilience.concurrency-limit.", concurrencyLimit.getDefaults(),
				concurrencyLimit.getInstances(), ConcurrencyLimitConfig::builder,
				PropertiesConfigSource::mapConcurrencyLimit, ConcurrencyLimitConfig.Builder::build);
	}

	private Layers<RateLimiterSettings, RateLimiterConfig.Builder, RateLimiterConfig> rateLimiters() {
		ResilienceProperties.RateLimiter rateLimiter = this.properties.getRateLimiter();
		return new Layers<>("resilience.rate-limiter.", rateLimiter.getDefaults(), rateLimiter.getInstances(),
				RateLimiterConfig::builder, PropertiesConfigSource::mapRateLimiter, RateLimiterConfig.Builder::build);
	}

	private Layers<HedgeSettings, HedgeConfig.Builder, HedgeConfig> hedges() {
		ResilienceProperties.Hedge hedge = this.properties.getHedge();
		return new Layers<>("resilience.hedge.", hedge.getDefaults(), hedge.getInstances(), HedgeConfig::builder,
				PropertiesConfigSource::mapHedge, HedgeConfig.Builder::build);
	}

	private static void mapRetry(RetrySettings settings, RetryConfig.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		map.from(settings::getMaxAttempts).to(builder::maxAttempts);
		map.from(settings::getDelay).to(builder::delay);
		map.from(settings::getMultiplier).to(builder::multiplier);
		map.from(settings::getMaxDelay).to(builder::maxDelay);
		map.from(settings::getJitter).to(builder::jitter);
		map.from(settings::getMaxDuration).to(builder::maxDuration);
		map.from(settings::getRetryOn).as((types) -> throwables("retry-on", types)).to(builder::retryOn);
		map.from(settings::getAbortOn).as((types) -> throwables("abort-on", types)).to(builder::abortOn);
		RetryBudgetSettings budget = settings.getBudget();
		builder.budget((budgetBuilder) -> {
			map.from(budget::getEnabled).to(budgetBuilder::enabled);
			map.from(budget::getRatio).to(budgetBuilder::ratio);
			map.from(budget::getMinPerSecond).to(budgetBuilder::minPerSecond);
			map.from(budget::getWindow).to(budgetBuilder::window);
			map.from(budget::getStore).to(budgetBuilder::store);
		});
	}

	private static void mapCircuitBreaker(CircuitBreakerSettings settings, CircuitBreakerConfig.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		map.from(settings::getFailureRateThreshold).to(builder::failureRateThreshold);
		map.from(settings::getSlowCallRateThreshold).to(builder::slowCallRateThreshold);
		map.from(settings::getSlowCallDuration).to(builder::slowCallDuration);
		map.from(settings::getSlidingWindowType).to(builder::slidingWindowType);
		map.from(settings::getSlidingWindowSize).to(builder::slidingWindowSize);
		map.from(settings::getMinimumCalls).to(builder::minimumCalls);
		map.from(settings::getWaitInOpen).to(builder::waitInOpen);
		map.from(settings::getHalfOpenCalls).to(builder::halfOpenCalls);
		map.from(settings::getRecordOn).as((types) -> throwables("record-on", types)).to(builder::recordOn);
		map.from(settings::getIgnore).as((types) -> throwables("ignore", types)).to(builder::ignore);
	}

	private static void mapTimeLimiter(TimeLimiterSettings settings, TimeLimiterConfig.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		map.from(settings::getTimeout).to(builder::timeout);
		map.from(settings::getCancelRunning).to(builder::cancelRunning);
	}

	private static void mapConcurrencyLimit(ConcurrencyLimitSettings settings, ConcurrencyLimitConfig.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		map.from(settings::getLimit).to(builder::limit);
		map.from(settings::getMaxWait).to(builder::maxWait);
		map.from(settings::getAdaptive).to(builder::adaptive);
		map.from(settings::getMinLimit).to(builder::minLimit);
		map.from(settings::getMaxLimit).to(builder::maxLimit);
	}

	private static void mapRateLimiter(RateLimiterSettings settings, RateLimiterConfig.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		map.from(settings::getLimit).to(builder::limit);
		map.from(settings::getPeriod).to(builder::period);
		map.from(settings::getMaxWait).to(builder::maxWait);
		map.from(settings::getStore).to(builder::store);
	}

	private static void mapHedge(HedgeSettings settings, HedgeConfig.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		map.from(settings::getMaxAttempts).to(builder::maxAttempts);
		map.from(settings::getDelay)
			.as((delay) -> HedgeDelay.parse(delay, DurationStyle::detectAndParse))
			.to(builder::delay);
		map.from(settings::getMinDelay).to(builder::minDelay);
		HedgeBudgetSettings budget = settings.getBudget();
		builder.budget((budgetBuilder) -> {
			map.from(budget::getEnabled).to(budgetBuilder::enabled);
			map.from(budget::getRatio).to(budgetBuilder::ratio);
			map.from(budget::getMinPerSecond).to(budgetBuilder::minPerSecond);
			map.from(budget::getWindow).to(budgetBuilder::window);
		});
	}

	/**
	 * Rejects a class that is no {@link Throwable}: the binder converts any class name on the
	 * class path, whatever the bound of the list's type.
	 */
	private static List<Class<? extends Throwable>> throwables(String setting,
			List<Class<? extends Throwable>> types) {
		for (int i = 0; i < types.size(); i++) {
			Class<?> type = types.get(i);
			if (!Throwable.class.isAssignableFrom(type)) {
				throw new InvalidConfigurationException(setting + "[" + i + "]", type.getName(), "a Throwable class");
			}
		}
		return types;
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

	/**
	 * The two layers of properties of one kind of policy, {@code defaults} and
	 * {@code instances.<name>}, mapped into a new builder. A value the builder rejects is named
	 * by its full key, under the layer it came from.
	 *
	 * @param <S> the settings type
	 * @param <B> the builder type
	 * @param <C> the configuration type
	 */
	private record Layers<S, B, C>(String prefix, S defaults, Map<String, S> instances, Supplier<B> newBuilder,
			BiConsumer<S, B> mapping, Function<B, C> toConfig) {

		C config(@Nullable String name, Consumer<B> fromCode) {
			B builder = this.newBuilder.get();
			String layer = this.prefix + "defaults.";
			map(layer, this.defaults, builder);
			fromCode.accept(builder);
			S instance = (name != null) ? this.instances.get(name) : null;
			if (instance != null) {
				layer = this.prefix + "instances." + mapKey(name) + ".";
				map(layer, instance, builder);
			}
			try {
				return this.toConfig.apply(builder);
			}
			catch (InvalidConfigurationException ex) {
				// settings that conflict with each other (window type and size) are named in the last layer
				throw ex.withProperty(layer + ex.getProperty());
			}
		}

		void buildDefaults() {
			config(null, (builder) -> {
			});
		}

		void buildInstances() {
			this.instances.keySet().forEach((name) -> config(name, (builder) -> {
			}));
		}

		Set<String> names() {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.instances.keySet()));
		}

		private void map(String layer, S settings, B builder) {
			try {
				this.mapping.accept(settings, builder);
			}
			catch (InvalidConfigurationException ex) {
				throw ex.withProperty(layer + ex.getProperty());
			}
		}

	}

}
