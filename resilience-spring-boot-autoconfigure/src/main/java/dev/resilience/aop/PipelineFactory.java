package dev.resilience.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiter;
import dev.resilience.core.TimeLimiterConfig;

/**
 * Resolves, once per bean class at start-up, everything its annotated methods need: merged
 * annotations (a method-level annotation replaces a class-level one), placeholders, instances
 * with their layered settings, fallback methods, and how the return type is handled
 * (synchronously, or as one {@link AsyncType}). Anything wrong fails start-up with an
 * {@link InvalidAnnotationException}.
 */
final class PipelineFactory {

	private static final @Nullable Class<? extends Annotation> SPRING_RETRYABLE = springRetryable();

	/** Captures the caller's thread-local context for asynchronous attempts and fallbacks. */
	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private final Supplier<ResilienceRegistry> registry;

	private final AnnotationSettings settings;

	PipelineFactory(Supplier<ResilienceRegistry> registry, AnnotationSettings settings) {
		this.registry = registry;
		this.settings = settings;
	}

	/**
	 * Builds the pipelines of every annotated method of a bean class.
	 * @param beanName the bean, for messages
	 * @param targetClass the bean's class
	 * @return the pipeline of each annotated method, keyed by every {@link Method} through which
	 * a proxy may call it (the class's own and its interfaces')
	 */
	Map<Method, Stage> build(String beanName, Class<?> targetClass) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Map<Method, Stage> pipelines = new HashMap<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (method.isBridge() || Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			Stage pipeline = build(beanName, userClass, method);
			if (pipeline != null) {
				pipelines.put(method, pipeline);
				for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(userClass)) {
					Method declared = ReflectionUtils.findMethod(type, method.getName(), method.getParameterTypes());
					if (declared != null) {
						pipelines.put(declared, pipeline);
					}
				}
			}
		}
		return pipelines;
	}

	private @Nullable Stage build(String beanName, Class<?> userClass, Method method) {
		Retryable retryable = find(userClass, method, Retryable.class);
		CircuitGuarded guarded = find(userClass, method, CircuitGuarded.class);
		TimeLimited timeLimited = find(userClass, method, TimeLimited.class);
		Fallback fallback = find(userClass, method, Fallback.class);
		if (retryable == null && guarded == null && timeLimited == null && fallback == null) {
			return null;
		}
		checkNoSpringRetryable(beanName, userClass, method, retryable);
		String defaultName = MethodNames.instanceName(userClass, method);
		ResilienceRegistry registry = this.registry.get();
		AsyncType async = AsyncTypes.of(beanName, method, registry.scheduler());
		Stage stage = (async != null) ? new AsyncProceedStage(async, AsyncTypes.nullReturnedMessage(method))
				: ProceedStage.INSTANCE;
		if (timeLimited != null) {
			Consumer<TimeLimiterConfig.Builder> fromCode = checked(beanName, method, "@TimeLimited",
					() -> this.settings.timeLimiter(timeLimited), TimeLimiterConfig.builder());
			TimeLimiter timeLimiter = registry.timeLimiter(this.settings.name(timeLimited.name(), defaultName), fromCode);
			stage = (async != null) ? new AsyncTimeLimiterStage(async, timeLimiter, stage)
					: new TimeLimiterStage(timeLimiter, stage);
		}
		if (guarded != null) {
			Consumer<CircuitBreakerConfig.Builder> fromCode = checked(beanName, method, "@CircuitGuarded",
					() -> this.settings.circuitBreaker(guarded), CircuitBreakerConfig.builder());
			CircuitBreaker breaker = registry.circuitBreaker(this.settings.name(guarded.name(), defaultName), fromCode);
			stage = (async != null) ? new AsyncCircuitBreakerStage(async, breaker, registry.clock(), stage)
					: new CircuitBreakerStage(breaker, registry.clock(), stage);
		}
		if (retryable != null) {
			Consumer<RetryConfig.Builder> fromCode = checked(beanName, method, "@Retryable",
					() -> this.settings.retry(retryable), RetryConfig.builder());
			Retry retry = registry.retry(this.settings.name(retryable.name(), defaultName), fromCode);
			stage = (async != null) ? new AsyncRetryStage(async, retry, SNAPSHOTS, stage) : new RetryStage(retry, stage);
		}
		stage = new DeadlineStage(defaultName, stage);
		if (fallback != null) {
			FallbackMethod fallbackMethod = FallbackMethod.resolve(beanName, userClass, method, fallback, async);
			stage = (async != null)
					? new AsyncFallbackStage(async, fallbackMethod, defaultName, registry.events(), SNAPSHOTS, stage)
					: new FallbackStage(fallbackMethod, defaultName, registry.events(), stage);
		}
		return (async != null) ? new AsyncEntryStage(async, stage) : stage;
	}

	private static <A extends Annotation> @Nullable A find(Class<?> userClass, Method method, Class<A> type) {
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(method, type);
		if (onMethod != null) {
			return onMethod;
		}
		return Modifier.isPublic(method.getModifiers()) ? AnnotatedElementUtils.findMergedAnnotation(userClass, type)
				: null;
	}

	/**
	 * Resolves an annotation's settings and applies them once to a fresh builder, so that an
	 * attribute out of range fails start-up naming the annotation, even when another method
	 * already created the instance.
	 */
	private static <B> Consumer<B> checked(String beanName, Method method, String annotation,
			Supplier<Consumer<B>> settings, B probe) {
		try {
			Consumer<B> fromCode = settings.get();
			fromCode.accept(probe);
			return fromCode;
		}
		catch (InvalidConfigurationException ex) {
			String attribute = annotation + "(" + camelCase(ex.getProperty()) + ")";
			throw new InvalidAnnotationException(beanName, method,
					"invalid " + attribute + " '" + ex.getValue() + "': must be " + ex.getAllowed(),
					"Change " + attribute + " on " + method.getName() + ", or leave it unset and configure it in "
							+ "application.yml.",
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

	private static void checkNoSpringRetryable(String beanName, Class<?> userClass, Method method,
			@Nullable Retryable retryable) {
		if (retryable == null || SPRING_RETRYABLE == null) {
			return;
		}
		if (find(userClass, method, SPRING_RETRYABLE) != null) {
			throw new InvalidAnnotationException(beanName, method,
					"carries both dev.resilience.annotation.@Retryable and Spring Framework's "
							+ "org.springframework.resilience.annotation.@Retryable, which would multiply the attempts "
							+ "(a retry storm)",
					"Keep one of the two @Retryable annotations on this method and its class.");
		}
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Class<? extends Annotation> springRetryable() {
		String name = "org.springframework.resilience.annotation.Retryable";
		ClassLoader classLoader = PipelineFactory.class.getClassLoader();
		return ClassUtils.isPresent(name, classLoader)
				? (Class<? extends Annotation>) ClassUtils.resolveClassName(name, classLoader) : null;
	}

}
