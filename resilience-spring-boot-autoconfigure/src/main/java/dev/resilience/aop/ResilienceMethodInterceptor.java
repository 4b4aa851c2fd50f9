package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.resilience.pipeline.Stage;

/**
 * Runs each call of an annotated method through the pipeline resolved for it at start-up. Per
 * call it does two identity lookups (the target's class, then the method) and nothing else: no
 * annotation, property or registry lookup.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ResilienceMethodInterceptor implements MethodInterceptor {

	private final Map<Class<?>, MethodPipelines> pipelines = new ConcurrentHashMap<>();

	private final PipelineFactory factory;

	ResilienceMethodInterceptor(PipelineFactory factory) {
		this.factory = factory;
	}

	/**
	 * Resolves the pipelines of a bean class, once; fails if an annotation is invalid.
	 * @param beanName the bean, for messages
	 * @param targetClass the class of the object the proxy calls
	 */
	void prepare(String beanName, Class<?> targetClass) {
		if (!this.pipelines.containsKey(targetClass)) {
			this.pipelines.putIfAbsent(targetClass, new MethodPipelines(this.factory.build(beanName, targetClass)));
		}
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		if (target == null) {
			return invocation.proceed();
		}
		MethodPipelines forClass = this.pipelines.get(target.getClass());
		if (forClass == null) {
			prepare(target.getClass().getName(), target.getClass());
			forClass = this.pipelines.get(target.getClass());
		}
		return forClass.get(invocation.getMethod()).invoke(invocation);
	}

	/**
	 * The pipelines of one class. A proxy passes its own {@link Method} instances, equal to but
	 * not the same as those the pipelines were resolved for, and comparing methods field by field
	 * on every call costs time; so each instance a proxy passes is remembered by identity, in a
	 * map replaced on the rare first sight of a new instance. Methods without a pipeline proceed.
	 */
	private static final class MethodPipelines {

		private final Map<Method, Stage<MethodInvocation>> byMethod;

		private volatile Map<Method, Stage<MethodInvocation>> byInstance = new IdentityHashMap<>();

		MethodPipelines(Map<Method, Stage<MethodInvocation>> byMethod) {
			this.byMethod = byMethod;
		}

		Stage<MethodInvocation> get(Method method) {
			Stage<MethodInvocation> stage = this.byInstance.get(method);
			if (stage == null) {
				stage = this.byMethod.getOrDefault(method, PipelineFactory.PROCEED);
				remember(method, stage);
			}
			return stage;
		}

		private synchronized void remember(Method method, Stage<MethodInvocation> stage) {
			Map<Method, Stage<MethodInvocation>> grown = new IdentityHashMap<>(this.byInstance);
			grown.put(method, stage);
			this.byInstance = grown;
		}

	}

}
