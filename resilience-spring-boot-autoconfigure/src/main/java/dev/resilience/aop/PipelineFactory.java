package dev.resilience.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.resilience.annotation.Retryable;
import dev.resilience.aop.PolicyKinds.PolicyKind;
import dev.resilience.aop.PolicyKinds.Site;
import dev.resilience.core.Faults;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.pipeline.AsyncEntryStage;
import dev.resilience.pipeline.AsyncProceedStage;
import dev.resilience.pipeline.AsyncType;
import dev.resilience.pipeline.ProceedStage;
import dev.resilience.pipeline.Stage;

/**
 * Resolves, once per bean class at start-up, everything its annotated methods need: merged
 * annotations (a method-level annotation replaces a class-level one), placeholders, instances
 * with their layered settings, fallback methods, and how the return type is handled
 * (synchronously, or as one {@link AsyncType}), and folds the stages of {@link PolicyKinds} in
 * their order. Anything wrong fails start-up with an
 * {@link InvalidAnnotationException}.
 */
final class PipelineFactory {

	/** The end of every synchronous pipeline, and the pipeline of a method without one. */
	static final Stage<MethodInvocation> PROCEED = new ProceedStage<>(MethodAttempts.INSTANCE);

	private static final @Nullable Class<? extends Annotation> SPRING_RETRYABLE = springRetryable();

	private final Supplier<ResilienceRegistry> registry;

	private final AnnotationSettings settings;

	private final Supplier<@Nullable Faults> faults;

	private final Supplier<@Nullable ObservationRegistry> observations;

	PipelineFactory(Supplier<ResilienceRegistry> registry, AnnotationSettings settings,
			Supplier<@Nullable Faults> faults, Supplier<@Nullable ObservationRegistry> observations) {
		this.registry = registry;
		this.settings = settings;
		this.faults = faults;
		this.observations = observations;
	}

	/**
	 * Builds the pipelines of every annotated method of a bean class.
	 * @param beanName the bean, for messages
	 * @param targetClass the bean's class
	 * @return the pipeline of each annotated method, keyed by every {@link Method} through which
	 * a proxy may call it (the class's own and its interfaces')
	 */
	Map<Method, Stage<MethodInvocation>> build(String beanName, Class<?> targetClass) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Map<Method, Stage<MethodInvocation>> pipelines = new HashMap<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (method.isBridge() || Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			Stage<MethodInvocation> pipeline = build(beanName, userClass, method);
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

	private @Nullable Stage<MethodInvocation> build(String beanName, Class<?> userClass, Method method) {
		if (!isGuarded(userClass, method)) {
			return null;
		}
		checkNoSpringRetryable(beanName, userClass, method, find(userClass, method, Retryable.class));
		ResilienceRegistry registry = this.registry.get();
		AsyncType async = AsyncTypes.of(beanName, method, registry.scheduler());
		Site site = new Site(beanName, userClass, method, MethodNames.instanceName(userClass, method), registry,
				this.settings, async, this.faults.get(), this.observations.get());
		Stage<MethodInvocation> stage = (async != null)
				? new AsyncProceedStage<>(async, MethodAttempts.INSTANCE, AsyncTypes.nullReturnedMessage(method))
				: PROCEED;
		List<PolicyKind<?>> kinds = PolicyKinds.OUTERMOST_FIRST;
		for (int i = kinds.size() - 1; i >= 0; i--) {
			stage = kinds.get(i).wrap(site, stage);
		}
		return (async != null) ? new AsyncEntryStage<>(async, MethodAttempts.INSTANCE, stage) : stage;
	}

	private static boolean isGuarded(Class<?> userClass, Method method) {
		for (Class<? extends Annotation> type : PolicyKinds.annotations()) {
			if (find(userClass, method, type) != null) {
				return true;
			}
		}
		return false;
	}

	static <A extends Annotation> @Nullable A find(Class<?> userClass, Method method, Class<A> type) {
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(method, type);
		if (onMethod != null) {
			return onMethod;
		}
		return Modifier.isPublic(method.getModifiers()) ? AnnotatedElementUtils.findMergedAnnotation(userClass, type)
				: null;
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
