package dev.resilience.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Hedged;
import dev.resilience.annotation.RateLimited;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.FaultInjector;
import dev.resilience.core.Faults;
import dev.resilience.core.Hedge;
import dev.resilience.core.HedgeConfig;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiter;
import dev.resilience.core.TimeLimiterConfig;
import dev.resilience.pipeline.AsyncCircuitBreakerStage;
import dev.resilience.pipeline.AsyncConcurrencyLimitStage;
import dev.resilience.pipeline.AsyncFaultStage;
import dev.resilience.pipeline.AsyncFallbackStage;
import dev.resilience.pipeline.AsyncHedgeStage;
import dev.resilience.pipeline.AsyncObservationStage;
import dev.resilience.pipeline.AsyncRateLimiterStage;
import dev.resilience.pipeline.AsyncRetryStage;
import dev.resilience.pipeline.AsyncTimeLimiterStage;
import dev.resilience.pipeline.AsyncType;
import dev.resilience.pipeline.CircuitBreakerStage;
import dev.resilience.pipeline.ConcurrencyLimitStage;
import dev.resilience.pipeline.DeadlineStage;
import dev.resilience.pipeline.FallbackStage;
import dev.resilience.pipeline.FaultStage;
import dev.resilience.pipeline.HedgeStage;
import dev.resilience.pipeline.ObservationStage;
import dev.resilience.pipeline.RateLimiterStage;
import dev.resilience.pipeline.RetryStage;
import dev.resilience.pipeline.Stage;
import dev.resilience.pipeline.TimeLimiterStage;

/**
 * The policy kinds, one entry each, in the contract's order of application, outermost first:
 * {@code Fallback -> Retryable -> Hedged -> CircuitGuarded -> RateLimited -> TimeLimited ->
 * ConcurrencyLimited -> method}, with the check of an expired deadline inside the fallback, and,
 * when faults are enabled, their injection innermost; when calls are observed, the observation
 * outermost. The advisor's pointcut and every method's
 * pipeline are derived from this list, so a new kind is one entry at its place.
 */
final class PolicyKinds {

	/** Captures the caller's thread-local context for asynchronous attempts and fallbacks. */
	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	static final List<PolicyKind<?>> OUTERMOST_FIRST = List.of(
			new PolicyKind<>(null, PolicyKinds::observation, null),
			new PolicyKind<>(Fallback.class, PolicyKinds::fallback, null),
			new PolicyKind<>(null, PolicyKinds::deadline, null),
			new PolicyKind<>(Retryable.class, PolicyKinds::retry, Retryable::name),
			new PolicyKind<>(Hedged.class, PolicyKinds::hedge, Hedged::name),
			new PolicyKind<>(CircuitGuarded.class, PolicyKinds::circuitBreaker, CircuitGuarded::name),
			new PolicyKind<>(RateLimited.class, PolicyKinds::rateLimiter, RateLimited::name),
			new PolicyKind<>(TimeLimited.class, PolicyKinds::timeLimiter, TimeLimited::name),
			new PolicyKind<>(ConcurrencyLimited.class, PolicyKinds::concurrencyLimit, ConcurrencyLimited::name),
			new PolicyKind<>(null, PolicyKinds::faults, null));

	private PolicyKinds() {
	}

	/**
	 * Returns the annotation types of the kinds, which make a method guarded.
	 * @return the annotation types, outermost first
	 */
	static List<Class<? extends Annotation>> annotations() {
		return OUTERMOST_FIRST.stream()
			.<Class<? extends Annotation>>map(PolicyKind::annotation)
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	private static Stage<MethodInvocation> fallback(Fallback fallback, Site site, Stage<MethodInvocation> next) {
		AsyncType async = site.async();
		FallbackMethod method = FallbackMethod.resolve(site.beanName(), site.userClass(), site.method(), fallback, async);
		ResilienceRegistry registry = site.registry();
		return (async != null)
				? new AsyncFallbackStage<>(async, method, site.defaultName(), registry.events(), SNAPSHOTS, next)
				: new FallbackStage<>(method, site.defaultName(), registry.events(), next);
	}

	private static Stage<MethodInvocation> deadline(Annotation none, Site site, Stage<MethodInvocation> next) {
		return new DeadlineStage<>(site.defaultName(), MethodAttempts.INSTANCE, next);
	}

	private static Stage<MethodInvocation> retry(Retryable retryable, Site site, Stage<MethodInvocation> next) {
		Consumer<RetryConfig.Builder> fromCode = checked(site, "@Retryable", () -> site.settings().retry(retryable),
				RetryConfig.builder());
		Retry retry = site.registry().retry(site.settings().name(retryable.name(), site.defaultName()), fromCode);
		AsyncType async = site.async();
		return (async != null) ? new AsyncRetryStage<>(async, retry, MethodAttempts.INSTANCE, SNAPSHOTS, next)
				: new RetryStage<>(retry, MethodAttempts.INSTANCE, next);
	}

	private static Stage<MethodInvocation> hedge(Hedged hedged, Site site, Stage<MethodInvocation> next) {
		Consumer<HedgeConfig.Builder> fromCode = checked(site, "@Hedged", () -> site.settings().hedge(hedged),
				HedgeConfig.builder());
		Hedge hedge = site.registry().hedge(site.settings().name(hedged.name(), site.defaultName()), fromCode);
		AsyncType async = site.async();
		return (async != null) ? new AsyncHedgeStage<>(async, hedge, MethodAttempts.INSTANCE, SNAPSHOTS, next)
				: new HedgeStage<>(hedge, MethodAttempts.INSTANCE, SNAPSHOTS, next);
	}

	private static Stage<MethodInvocation> circuitBreaker(CircuitGuarded guarded, Site site,
			Stage<MethodInvocation> next) {
		Consumer<CircuitBreakerConfig.Builder> fromCode = checked(site, "@CircuitGuarded",
				() -> site.settings().circuitBreaker(guarded), CircuitBreakerConfig.builder());
		ResilienceRegistry registry = site.registry();
		CircuitBreaker breaker = registry.circuitBreaker(site.settings().name(guarded.name(), site.defaultName()),
				fromCode);
		AsyncType async = site.async();
		return (async != null)
				? new AsyncCircuitBreakerStage<>(async, breaker, registry.clock(), MethodAttempts.INSTANCE, next)
				: new CircuitBreakerStage<>(breaker, registry.clock(), MethodAttempts.INSTANCE, next);
	}

	private static Stage<MethodInvocation> timeLimiter(TimeLimited timeLimited, Site site, Stage<MethodInvocation> next) {
		Consumer<TimeLimiterConfig.Builder> fromCode = checked(site, "@TimeLimited",
				() -> site.settings().timeLimiter(timeLimited), TimeLimiterConfig.builder());
		TimeLimiter timeLimiter = site.registry()
			.timeLimiter(site.settings().name(timeLimited.name(), site.defaultName()), fromCode);
		AsyncType async = site.async();
		return (async != null) ? new AsyncTimeLimiterStage<>(async, timeLimiter, next)
				: new TimeLimiterStage<>(timeLimiter, next);
	}

	private static Stage<MethodInvocation> rateLimiter(RateLimited limited, Site site, Stage<MethodInvocation> next) {
		Consumer<RateLimiterConfig.Builder> fromCode = checked(site, "@RateLimited",
				() -> site.settings().rateLimiter(limited), RateLimiterConfig.builder());
		RateLimiter rateLimiter = site.registry()
			.rateLimiter(site.settings().name(limited.name(), site.defaultName()), fromCode);
		AsyncType async = site.async();
		return (async != null)
				? new AsyncRateLimiterStage<>(async, rateLimiter, MethodAttempts.INSTANCE, SNAPSHOTS, next)
				: new RateLimiterStage<>(rateLimiter, MethodAttempts.INSTANCE, next);
	}

	private static Stage<MethodInvocation> concurrencyLimit(ConcurrencyLimited limited, Site site,
			Stage<MethodInvocation> next) {
		Consumer<ConcurrencyLimitConfig.Builder> fromCode = checked(site, "@ConcurrencyLimited",
				() -> site.settings().concurrencyLimit(limited), ConcurrencyLimitConfig.builder());
		ConcurrencyLimit limit = site.registry()
			.concurrencyLimit(site.settings().name(limited.name(), site.defaultName()), fromCode);
		AsyncType async = site.async();
		return (async != null) ? new AsyncConcurrencyLimitStage<>(async, limit, MethodAttempts.INSTANCE, next)
				: new ConcurrencyLimitStage<>(limit, MethodAttempts.INSTANCE, next);
	}

	/**
	 * Makes each call an observation of its own, when {@code resilience.observations.enabled}.
	 */
	private static Stage<MethodInvocation> observation(Annotation none, Site site, Stage<MethodInvocation> next) {
		ObservationRegistry observations = site.observations();
		if (observations == null) {
			return next;
		}
		String kind = OUTERMOST_FIRST.stream()
			.map(PolicyKind::annotation)
			.filter((type) -> type != null && site.find(type) != null)
			.map((type) -> type.getSimpleName().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining("+"));
		AsyncType async = site.async();
		return (async != null) ? new AsyncObservationStage<>(async, observations, site.defaultName(), kind, next)
				: new ObservationStage<>(observations, site.defaultName(), kind, next);
	}

	/**
	 * Injects the faults of every instance name the method's annotations use (its default name
	 * when they name none), when faults are enabled.
	 */
	private static Stage<MethodInvocation> faults(Annotation none, Site site, Stage<MethodInvocation> next) {
		Faults faults = site.faults();
		if (faults == null) {
			return next;
		}
		List<FaultInjector> injectors = instanceNames(site).stream().map(faults::injector).toList();
		AsyncType async = site.async();
		return (async != null) ? new AsyncFaultStage<>(async, injectors, SNAPSHOTS, next)
				: new FaultStage<>(injectors, next);
	}

	/** The distinct instance names of the method's annotations, innermost first. */
	private static Set<String> instanceNames(Site site) {
		Set<String> names = new LinkedHashSet<>();
		for (int i = OUTERMOST_FIRST.size() - 1; i >= 0; i--) {
			String name = OUTERMOST_FIRST.get(i).instanceName(site);
			if (name != null) {
				names.add(name);
			}
		}
		if (names.isEmpty()) {
			names.add(site.defaultName());
		}
		return names;
	}

	/**
	 * Resolves an annotation's settings and applies them once to a fresh builder, so that an
	 * attribute out of range fails start-up naming the annotation, even when another method
	 * already created the instance.
	 */
	private static <B> Consumer<B> checked(Site site, String annotation, Supplier<Consumer<B>> settings, B probe) {
		try {
			Consumer<B> fromCode = settings.get();
			fromCode.accept(probe);
			return fromCode;
		}
		catch (InvalidConfigurationException ex) {
			String attribute = annotation + "(" + camelCase(ex.getProperty()) + ")";
			throw new InvalidAnnotationException(site.beanName(), site.method(),
					"invalid " + attribute + " '" + ex.getValue() + "': must be " + ex.getAllowed(),
					"Change " + attribute + " on " + site.method().getName()
							+ ", or leave it unset and configure it in application.yml.",
					ex);
		}
	}

	private static String camelCase(String kebab) {
		StringBuilder camel = new StringBuilder(kebab.length());
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	/**
	 * One policy kind: the annotation that asks for it ({@code null} for a stage every guarded
	 * method gets) and how it wraps the rest of a method's pipeline.
	 *
	 * @param <A> the annotation type
	 * @param annotation the annotation type, or {@code null}
	 * @param wrapper builds the kind's stage around the rest of the pipeline
	 * @param name the instance name an annotation gives, or {@code null} for a kind without
	 * instances
	 */
	record PolicyKind<A extends Annotation>(@Nullable Class<A> annotation, Wrapper<A> wrapper,
			@Nullable Function<A, String> name) {

		/**
		 * Returns the instance name the method's annotation of this kind gives its instance.
		 * @param site the method
		 * @return the name, or {@code null} when the method does not carry the annotation or the
		 * kind has no instance
		 */
		@Nullable String instanceName(Site site) {
			if (this.annotation == null || this.name == null) {
				return null;
			}
			A found = site.find(this.annotation);
			return (found != null) ? site.settings().name(this.name.apply(found), site.defaultName()) : null;
		}

		/**
		 * Wraps the rest of the pipeline in this kind's stage when the method asks for it.
		 * @param site the method the pipeline is for
		 * @param next the rest of the pipeline
		 * @return the stage, or {@code next} when the method does not carry the annotation
		 */
		@SuppressWarnings("unchecked")
		Stage<MethodInvocation> wrap(Site site, Stage<MethodInvocation> next) {
			if (this.annotation == null) {
				return this.wrapper.wrap((A) Site.NONE, site, next);
			}
			A found = site.find(this.annotation);
			return (found != null) ? this.wrapper.wrap(found, site, next) : next;
		}

	}

	/**
	 * Builds a kind's stage.
	 *
	 * @param <A> the annotation type
	 */
	@FunctionalInterface
	interface Wrapper<A extends Annotation> {

		Stage<MethodInvocation> wrap(A annotation, Site site, Stage<MethodInvocation> next);

	}

	/**
	 * The method a pipeline is built for, with what its stages need.
	 *
	 * @param beanName the bean, for messages
	 * @param userClass the bean's class
	 * @param method the method
	 * @param defaultName the default instance name, {@code SimpleClassName.methodName}
	 * @param registry the instances
	 * @param settings resolves annotation attributes
	 * @param async the adapter of the method's return type, or {@code null} for a synchronous one
	 * @param faults the faults to inject, or {@code null} when faults are not enabled
	 * @param observations where each call is observed, or {@code null} when calls are not observed
	 */
	record Site(String beanName, Class<?> userClass, Method method, String defaultName, ResilienceRegistry registry,
			AnnotationSettings settings, @Nullable AsyncType async, @Nullable Faults faults,
			@Nullable ObservationRegistry observations) {

		/** Passed to the wrapper of a kind without an annotation. */
		static final Annotation NONE = () -> Annotation.class;

		<A extends Annotation> @Nullable A find(Class<A> type) {
			return PipelineFactory.find(this.userClass, this.method, type);
		}

	}

}
