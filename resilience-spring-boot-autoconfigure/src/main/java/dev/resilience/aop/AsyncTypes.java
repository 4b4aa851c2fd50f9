package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import dev.resilience.core.DelayScheduler;
import dev.resilience.pipeline.AsyncType;
import dev.resilience.pipeline.CompletionStageType;
import dev.resilience.pipeline.ReactorType;

/**
 * Chooses, once per method at start-up, how its return type is handled: synchronously, as a
 * {@code CompletionStage}, or, when Reactor is on the class path, as a {@code Mono} or
 * {@code Flux}; a Kotlin suspend function as the {@code Mono} (or {@code Flux}) through which
 * Spring AOP calls it, a Kotlin {@code Flow} as a {@code Flux}. Reactor's classes are only
 * touched through {@link ReactorDelegate}, which is loaded only when Reactor is present.
 */
final class AsyncTypes {

	private static final String PUBLISHER = "org.reactivestreams.Publisher";

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			AsyncTypes.class.getClassLoader());

	private AsyncTypes() {
	}

	/**
	 * Returns the asynchronous type of a guarded method.
	 * @param beanName the bean, for messages
	 * @param method the guarded method
	 * @param scheduler runs delays and timeouts
	 * @return the type, or {@code null} for a synchronous method
	 * @throws InvalidAnnotationException for an asynchronous return type that cannot be guarded
	 */
	static @Nullable AsyncType of(String beanName, Method method, DelayScheduler scheduler) {
		if (KotlinMethods.isSuspending(method)) {
			if (!KotlinMethods.canCallSuspending()) {
				throw missingKotlinAdapters(beanName, method, "is a suspend function",
						"org.jetbrains.kotlinx:kotlinx-coroutines-reactor and org.jetbrains.kotlin:kotlin-reflect");
			}
			Class<?> returnType = KotlinMethods.returnType(method);
			if (KotlinMethods.isFlowSubtype(returnType)) {
				throw flowSubtype(beanName, method);
			}
			// Spring AOP calls it as a Mono, or a Flux when it returns a Flow, and awaits what we return
			return ReactorDelegate.suspending(KotlinMethods.isFlow(returnType), scheduler);
		}
		Class<?> returnType = method.getReturnType();
		if (returnType == CompletionStage.class || returnType == CompletableFuture.class) {
			return new CompletionStageType(scheduler);
		}
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			throw unsupported(beanName, method, "a CompletionStage that the resilience pipeline cannot create",
					"Declare CompletionStage or CompletableFuture as the return type.");
		}
		if (KotlinMethods.isFlowSubtype(returnType)) {
			throw flowSubtype(beanName, method);
		}
		if (KotlinMethods.isFlow(returnType)) {
			if (!KotlinMethods.canAdaptFlow()) {
				throw missingKotlinAdapters(beanName, method, "returns a Flow",
						"org.jetbrains.kotlinx:kotlinx-coroutines-reactor");
			}
			return ReactorDelegate.flow(scheduler);
		}
		if (!isOrExtends(returnType, PUBLISHER)) {
			return null;
		}
		if (!REACTOR_PRESENT) {
			throw unsupported(beanName, method, "a reactive type, and Reactor is not on the class path",
					"Add io.projectreactor:reactor-core and return Mono or Flux.");
		}
		AsyncType reactive = ReactorDelegate.of(returnType, scheduler);
		if (reactive == null) {
			throw unsupported(beanName, method, "a reactive type other than Mono and Flux",
					"Declare Mono or Flux as the return type.");
		}
		return reactive;
	}

	private static InvalidAnnotationException missingKotlinAdapters(String beanName, Method method, String what,
			String artifacts) {
		return new InvalidAnnotationException(beanName, method,
				what + ", and what Spring needs to call it is not on the class path",
				"Add " + artifacts + ", through which Spring calls suspend functions and adapts Flows.");
	}

	private static InvalidAnnotationException flowSubtype(String beanName, Method method) {
		return unsupported(beanName, method, "a Flow subtype that the resilience pipeline cannot create",
				"Declare Flow as the return type.");
	}

	/**
	 * Returns the message of the failure of a method that returned {@code null} where a stage or
	 * publisher was expected.
	 * @param method the guarded method
	 * @return the message
	 */
	static String nullReturnedMessage(Method method) {
		// a suspend function's invocation returns the Mono that runs it
		String type = method.getReturnType().getSimpleName();
		if (KotlinMethods.isSuspending(method)) {
			type = KotlinMethods.isFlow(KotlinMethods.returnType(method)) ? "Flux" : "Mono";
		}
		return MethodNames.signature(method) + " returned null instead of a " + type + "; return a failed " + type
				+ " to report a failure";
	}

	private static InvalidAnnotationException unsupported(String beanName, Method method, String what,
			String action) {
		return new InvalidAnnotationException(beanName, method,
				"returns " + KotlinMethods.returnType(method).getSimpleName() + ", " + what, action);
	}

	/**
	 * Whether the type is, implements or extends the named type, found by name so that the check
	 * loads nothing when that type is absent.
	 */
	static boolean isOrExtends(@Nullable Class<?> type, String name) {
		if (type == null) {
			return false;
		}
		if (type.getName().equals(name)) {
			return true;
		}
		for (Class<?> implemented : type.getInterfaces()) {
			if (isOrExtends(implemented, name)) {
				return true;
			}
		}
		return isOrExtends(type.getSuperclass(), name);
	}

	/**
	 * Touches Reactor's classes; loaded only when Reactor is present.
	 */
	private static final class ReactorDelegate {

		static @Nullable AsyncType of(Class<?> returnType, DelayScheduler scheduler) {
			if (returnType == reactor.core.publisher.Mono.class) {
				return ReactorType.mono(scheduler);
			}
			if (returnType == reactor.core.publisher.Flux.class) {
				return ReactorType.flux(scheduler);
			}
			return null;
		}

		static AsyncType suspending(boolean returnsFlow, DelayScheduler scheduler) {
			if (!returnsFlow) {
				return ReactorType.mono(scheduler);
			}
			// the invocation gives a Flux and the proxy turns ours into the Flow; a fallback may give a Flow
			KotlinMethods.FlowAdapter adapter = KotlinMethods.flowAdapter();
			return ReactorType.flux(scheduler, new ReactorType.Declared(adapter.flowType(), adapter::toPublisher,
					(publisher) -> publisher));
		}

		static AsyncType flow(DelayScheduler scheduler) {
			KotlinMethods.FlowAdapter adapter = KotlinMethods.flowAdapter();
			return ReactorType.flux(scheduler, new ReactorType.Declared(adapter.flowType(), adapter::toPublisher,
					adapter::fromPublisher));
		}

	}

}
