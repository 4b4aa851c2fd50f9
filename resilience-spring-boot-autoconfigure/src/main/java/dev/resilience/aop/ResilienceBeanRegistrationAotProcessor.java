package dev.resilience.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * When Spring AOT prepares an application, registers the reflection the starter uses at run time
 * on each bean that carries one of its annotations: the bean's methods, whose annotations are read
 * when the bean is proxied and whose fallback methods are invoked, so that a native image keeps
 * them.
 *
 * <p>Thread-safe: stateless.
 *
 * @since 0.3.0
 */
class ResilienceBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
		Class<?> type = ClassUtils.getUserClass(bean.getBeanClass());
		if (!isGuarded(type)) {
			return null;
		}
		return (generationContext, code) -> generationContext.getRuntimeHints()
			.reflection()
			.registerType(type, MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

	private static boolean isGuarded(Class<?> type) {
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			for (Class<? extends Annotation> annotation : PolicyKinds.annotations()) {
				if (PipelineFactory.find(type, method, annotation) != null) {
					return true;
				}
			}
		}
		return false;
	}

}
