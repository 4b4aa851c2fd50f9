package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs each call of an annotated method through the pipeline resolved for it at start-up. Per
 * call it does two map lookups (the target's class, then the method) and nothing else: no
 * annotation, property or registry lookup.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ResilienceMethodInterceptor implements MethodInterceptor {

	private final Map<Class<?>, Map<Method, Stage>> pipelines = new ConcurrentHashMap<>();

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
			this.pipelines.putIfAbsent(targetClass, this.factory.build(beanName, targetClass));
		}
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		if (target == null) {
			return invocation.proceed();
		}
		Map<Method, Stage> forClass = this.pipelines.get(target.getClass());
		if (forClass == null) {
			prepare(target.getClass().getName(), target.getClass());
			forClass = this.pipelines.get(target.getClass());
		}
		Stage pipeline = forClass.get(invocation.getMethod());
		return (pipeline != null) ? pipeline.invoke(invocation) : invocation.proceed();
	}

}
