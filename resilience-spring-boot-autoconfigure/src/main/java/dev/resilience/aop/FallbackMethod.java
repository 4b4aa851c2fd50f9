package dev.resilience.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.resilience.annotation.Fallback;
import dev.resilience.core.ExceptionMatcher;
import dev.resilience.pipeline.AsyncType;
import dev.resilience.pipeline.CompletionStageType;
import dev.resilience.pipeline.FallbackHandler;

/**
 * The fallback method (or overloads) of one guarded method, resolved and checked at start-up: the
 * overload whose failure parameter is the most specific for the thrown failure answers it. The
 * fallback of a Kotlin suspend function may itself suspend, or not.
 *
 * <p>Immutable and thread-safe.
 */
final class FallbackMethod implements FallbackHandler<MethodInvocation> {

	private final Candidate[] candidates;

	private final ExceptionMatcher applyOn;

	private final ExceptionMatcher skipOn;

	/** The number of arguments a caller passes: a suspend function's continuation is left out. */
	private final int argumentCount;

	private FallbackMethod(List<Candidate> candidates, ExceptionMatcher applyOn, ExceptionMatcher skipOn,
			int argumentCount) {
		this.candidates = candidates.toArray(new Candidate[0]);
		this.applyOn = applyOn;
		this.skipOn = skipOn;
		this.argumentCount = argumentCount;
	}

	/**
	 * Resolves the fallback of a guarded method.
	 * @param beanName the bean, for messages
	 * @param targetClass the bean's class
	 * @param guarded the guarded method
	 * @param annotation its {@code @Fallback}
	 * @param async the guarded method's asynchronous type, whose fallback may return the plain
	 * value or that type; {@code null} for a synchronous method
	 * @return the fallback
	 * @throws InvalidAnnotationException if no method of that name has a usable signature
	 */
	static FallbackMethod resolve(String beanName, Class<?> targetClass, Method guarded, Fallback annotation,
			@Nullable AsyncType async) {
		String name = annotation.method();
		List<Method> sameName = new ArrayList<>();
		List<Candidate> candidates = new ArrayList<>();
		ReturnTypeCheck returnTypeCheck = new ReturnTypeCheck(guarded, targetClass, async);
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(targetClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (method.getName().equals(name) && !method.isBridge()) {
				sameName.add(method);
				Candidate candidate = Candidate.of(guarded, method, returnTypeCheck);
				if (candidate != null) {
					candidates.add(candidate);
				}
			}
		}
		if (candidates.isEmpty()) {
			throw new InvalidAnnotationException(beanName, guarded, problem(name, sameName),
					"Declare a method " + expected(guarded, name, returnTypeCheck) + " on " + targetClass.getSimpleName()
							+ ", or point @Fallback(method = ...) at an existing one.");
		}
		candidates.sort(Comparator.comparingInt(Candidate::specificity).reversed());
		return new FallbackMethod(candidates, ExceptionMatcher.of(Arrays.asList(annotation.applyOn())),
				ExceptionMatcher.of(Arrays.asList(annotation.skipOn())), KotlinMethods.parameterTypes(guarded).length);
	}

	private static String problem(String name, List<Method> sameName) {
		if (sameName.isEmpty()) {
			return "@Fallback names method '" + name + "', which does not exist";
		}
		StringBuilder found = new StringBuilder();
		for (Method method : sameName) {
			found.append(found.isEmpty() ? "" : "; ").append(MethodNames.signature(method));
		}
		return "@Fallback names method '" + name + "', but no method of that name has a compatible signature (found: "
				+ found + ")";
	}

	private static String expected(Method guarded, String name, ReturnTypeCheck returnTypeCheck) {
		String returnType = (returnTypeCheck.acceptsSuspending() ? "[suspend] " : "")
				+ returnTypeCheck.guarded().getSimpleName();
		Class<?>[] parameterTypes = KotlinMethods.parameterTypes(guarded);
		String parameters = MethodNames.parameters(parameterTypes);
		String withFailure = (parameterTypes.length == 0) ? "(Throwable)"
				: parameters.substring(0, parameters.length() - 1) + ", Throwable)";
		String plainValue = returnTypeCheck.isAsync()
				? "; it may also return the plain value, " + returnTypeCheck.valueType().getSimpleName() : "";
		return returnType + " " + name + parameters + " or " + returnType + " " + name + withFailure
				+ " (the last parameter may be any Throwable subtype" + plainValue + ")";
	}

	/**
	 * Whether the fallback answers the failure, per {@code applyOn} and {@code skipOn}.
	 */
	@Override
	public boolean appliesTo(Throwable failure) {
		if (this.skipOn.matches(failure)) {
			return false;
		}
		return this.applyOn.isEmpty() || this.applyOn.matches(failure);
	}

	/**
	 * Answers the failure with the most specific overload that accepts it, or rethrows the
	 * failure when none does.
	 */
	@Override
	public @Nullable Object apply(MethodInvocation invocation, Throwable failure) throws Throwable {
		Object[] arguments = invocation.getArguments();
		// a suspend function's continuation: a suspending fallback runs in its caller's context
		Object continuation = null;
		if (arguments.length != this.argumentCount) {
			continuation = arguments[this.argumentCount];
			arguments = Arrays.copyOf(arguments, this.argumentCount);
		}
		for (Candidate candidate : this.candidates) {
			if (candidate.accepts(failure)) {
				return candidate.invoke(invocation.getThis(), arguments, failure, continuation);
			}
		}
		throw failure;
	}

	/**
	 * Whether a fallback's return type can stand for the guarded method's: assignable to it, or,
	 * for an asynchronous method, its wrapper type or its plain value type. The return type of a
	 * suspend function is the one its caller sees; a fallback may suspend only where the guarded
	 * method is a suspend function or returns a publisher or a {@code Flow}.
	 */
	private record ReturnTypeCheck(Class<?> guarded, Class<?> valueType, @Nullable AsyncType async,
			Class<?> targetClass, boolean acceptsSuspending) {

		ReturnTypeCheck(Method guarded, Class<?> targetClass, @Nullable AsyncType async) {
			this(KotlinMethods.returnType(guarded, targetClass), valueType(guarded, targetClass), async, targetClass,
					KotlinMethods.isSuspending(guarded) || (async != null && !(async instanceof CompletionStageType)));
		}

		private static Class<?> valueType(Method guarded, Class<?> targetClass) {
			Class<?> returnType = KotlinMethods.returnType(guarded, targetClass);
			if (KotlinMethods.isSuspending(guarded) && !KotlinMethods.isFlow(returnType)) {
				return returnType;
			}
			return ResolvableType.forMethodReturnType(guarded, targetClass).getGeneric(0).resolve(Object.class);
		}

		boolean isAsync() {
			return this.async != null;
		}

		boolean fits(Method fallback) {
			if (KotlinMethods.isSuspending(fallback) && !this.acceptsSuspending) {
				return false;
			}
			Class<?> returnType = KotlinMethods.returnType(fallback, this.targetClass);
			if (this.async != null) {
				return this.async.isWrapper(returnType) || ClassUtils.isAssignable(this.valueType, returnType);
			}
			if (this.guarded == void.class || returnType == void.class) {
				return this.guarded == returnType;
			}
			return ClassUtils.isAssignable(this.guarded, returnType);
		}

	}

	/**
	 * One overload: the guarded method's parameters, optionally followed by a failure parameter
	 * (a suspend function's continuation left out of both).
	 */
	private record Candidate(Method method, @Nullable Class<?> failureType) {

		static @Nullable Candidate of(Method guarded, Method method, ReturnTypeCheck returnTypeCheck) {
			Class<?>[] expected = KotlinMethods.parameterTypes(guarded);
			Class<?>[] actual = KotlinMethods.parameterTypes(method);
			boolean withFailure = actual.length == expected.length + 1
					&& Throwable.class.isAssignableFrom(actual[expected.length]);
			if (actual.length != expected.length && !withFailure) {
				return null;
			}
			for (int i = 0; i < expected.length; i++) {
				if (actual[i] != expected[i]) {
					return null;
				}
			}
			if (!returnTypeCheck.fits(method)) {
				return null;
			}
			ReflectionUtils.makeAccessible(method);
			return new Candidate(method, withFailure ? actual[expected.length] : null);
		}

		/** Deeper failure types are more specific; a fallback without one is the least. */
		int specificity() {
			int depth = 0;
			for (Class<?> type = this.failureType; type != null; type = type.getSuperclass()) {
				depth++;
			}
			return depth;
		}

		boolean accepts(Throwable failure) {
			return this.failureType == null || this.failureType.isInstance(failure);
		}

		@Nullable Object invoke(@Nullable Object target, Object[] arguments, Throwable failure,
				@Nullable Object continuation) throws Throwable {
			Object[] fallbackArguments = arguments;
			if (this.failureType != null) {
				fallbackArguments = Arrays.copyOf(arguments, arguments.length + 1);
				fallbackArguments[arguments.length] = failure;
			}
			return KotlinMethods.invoke(this.method, Modifier.isStatic(this.method.getModifiers()) ? null : target,
					fallbackArguments, continuation);
		}

	}

}
