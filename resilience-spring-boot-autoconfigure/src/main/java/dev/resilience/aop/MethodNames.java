package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;

/**
 * Names methods the way messages and default instance names show them.
 */
final class MethodNames {

	private MethodNames() {
	}

	/**
	 * Returns the default instance name of a method: {@code SimpleClassName.methodName}.
	 */
	static String instanceName(Class<?> targetClass, Method method) {
		return ClassUtils.getUserClass(targetClass).getSimpleName() + "." + method.getName();
	}

	/**
	 * Returns a readable signature: {@code String QuoteService.quote(String, int)}, or
	 * {@code suspend String QuoteService.quote(String, int)} for a Kotlin suspend function.
	 */
	static String signature(Method method) {
		return (KotlinMethods.isSuspending(method) ? "suspend " : "") + KotlinMethods.returnType(method).getSimpleName()
				+ " " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
				+ parameters(KotlinMethods.parameterTypes(method));
	}

	/**
	 * Returns a parameter list: {@code (String, int)}.
	 */
	static String parameters(Class<?>[] types) {
		return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
	}

}
