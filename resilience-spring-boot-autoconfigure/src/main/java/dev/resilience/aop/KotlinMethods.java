package dev.resilience.aop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlinx.coroutines.Job;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.CoroutinesUtils;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * What the pipelines need to know of Kotlin: suspend functions, which Spring AOP calls through
 * kotlinx-coroutines-reactor as a {@code Mono} (a {@code Flux} when they return a {@code Flow}),
 * and {@code Flow} return types. Kotlin's classes are only touched when a method is Kotlin's.
 */
final class KotlinMethods {

	private static final String FLOW = "kotlinx.coroutines.flow.Flow";

	private static final String UNIT = "kotlin.Unit";

	private static final boolean COROUTINES_REACTOR_PRESENT = ClassUtils.isPresent("kotlinx.coroutines.reactor.MonoKt",
			KotlinMethods.class.getClassLoader());

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			KotlinMethods.class.getClassLoader());

	private KotlinMethods() {
	}

	/**
	 * Whether the method is a Kotlin {@code suspend} function.
	 */
	static boolean isSuspending(Method method) {
		return KotlinDetector.isKotlinPresent() && KotlinDetector.isSuspendingFunction(method);
	}

	/**
	 * Whether what Spring needs to call suspend functions is on the class path:
	 * kotlinx-coroutines-reactor (and so Reactor) and kotlin-reflect.
	 */
	static boolean canCallSuspending() {
		return canAdaptFlow() && KotlinDetector.isKotlinReflectPresent();
	}

	/**
	 * Whether what Spring needs to adapt a {@code Flow} is on the class path:
	 * kotlinx-coroutines-reactor and Reactor.
	 */
	static boolean canAdaptFlow() {
		return COROUTINES_REACTOR_PRESENT && REACTOR_PRESENT;
	}

	/**
	 * Whether the type is Kotlin's {@code Flow} itself.
	 */
	static boolean isFlow(Class<?> type) {
		return type.getName().equals(FLOW);
	}

	/**
	 * Whether the type is a subtype of Kotlin's {@code Flow} ({@code StateFlow},
	 * {@code SharedFlow}, ...), which the pipeline cannot create.
	 */
	static boolean isFlowSubtype(Class<?> type) {
		return !isFlow(type) && AsyncTypes.isOrExtends(type, FLOW);
	}

	/**
	 * The parameters a caller passes: a suspend function's, without the continuation.
	 */
	static Class<?>[] parameterTypes(Method method) {
		Class<?>[] types = method.getParameterTypes();
		return isSuspending(method) ? Arrays.copyOf(types, types.length - 1) : types;
	}

	/**
	 * The return type a caller sees: a suspend function's Kotlin return type ({@code void} for
	 * {@code Unit}), or the method's.
	 */
	static Class<?> returnType(Method method) {
		return returnType(method, method.getDeclaringClass());
	}

	/**
	 * Like {@link #returnType(Method)}, with type variables resolved against the bean's class.
	 */
	static Class<?> returnType(Method method, Class<?> containingClass) {
		if (!isSuspending(method)) {
			return ResolvableType.forMethodReturnType(method, containingClass).resolve(method.getReturnType());
		}
		Class<?> type = new MethodParameter(method, -1).withContainingClass(containingClass).getParameterType();
		// resolved against another class, Spring gives Kotlin's Unit where it otherwise gives void
		return (type.getName().equals(UNIT)) ? void.class : type;
	}

	/**
	 * Calls a method reflectively; a suspend function starts at each subscription of the
	 * {@code Mono} (or {@code Flux}) returned, in the coroutine context of the given caller's
	 * continuation without its job, as Spring AOP calls suspend functions.
	 * @param method the method, accessible
	 * @param target the object to call it on, {@code null} for a static method
	 * @param arguments the arguments a caller passes, without a continuation
	 * @param continuation the continuation of the suspend function whose call this one serves,
	 * or {@code null}
	 * @return what the method returned, or the publisher of a suspend function's result
	 * @throws Throwable what the method threw
	 */
	static @Nullable Object invoke(Method method, @Nullable Object target, Object[] arguments,
			@Nullable Object continuation) throws Throwable {
		if (isSuspending(method)) {
			return Suspending.invoke(method, target, arguments, continuation);
		}
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	/**
	 * Turns a {@code Flow} into a publisher, and back.
	 */
	static FlowAdapter flowAdapter() {
		ReactiveAdapter adapter = ReactiveAdapterRegistry.getSharedInstance()
			.getAdapter(ClassUtils.resolveClassName(FLOW, KotlinMethods.class.getClassLoader()));
		if (adapter == null) {
			throw new IllegalStateException("Spring's ReactiveAdapterRegistry has no adapter for " + FLOW);
		}
		return new FlowAdapter(adapter);
	}

	/**
	 * Touches Kotlin's coroutine classes; loaded only when a suspend function is called.
	 */
	private static final class Suspending {

		static Publisher<?> invoke(Method method, @Nullable Object target, Object[] arguments,
				@Nullable Object continuation) {
			if (continuation instanceof Continuation<?> caller) {
				CoroutineContext context = caller.getContext().minusKey(Job.Key);
				return CoroutinesUtils.invokeSuspendingFunction(context, method, target, arguments);
			}
			// Spring's own context: unconfined, with the thread-local context when propagation is on
			return CoroutinesUtils.invokeSuspendingFunction(method, target, arguments);
		}

	}

	/**
	 * Spring's adapter of Kotlin's {@code Flow}.
	 */
	record FlowAdapter(ReactiveAdapter adapter) {

		Class<?> flowType() {
			return this.adapter.getReactiveType();
		}

		Publisher<?> toPublisher(Object flow) {
			return this.adapter.toPublisher(flow);
		}

		Object fromPublisher(Publisher<?> publisher) {
			return this.adapter.fromPublisher(publisher);
		}

	}

}
