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
 * {@code Flux}. Reactor's classes are only touched through {@link ReactorDelegate}, which is
 * loaded only when Reactor is present.
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
		Class<?> returnType = method.getReturnType();
		if (returnType == CompletionStage.class || returnType == CompletableFuture.class) {
			return new CompletionStageType(scheduler);
		}
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			throw unsupported(beanName, method, "a CompletionStage that the resilience pipeline cannot create",
					"Declare CompletionStage or CompletableFuture as the return type.");
		}
		if (!isPublisher(returnType)) {
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

	/**
	 * Returns the message of the failure of a method that returned {@code null} where a stage or
	 * publisher was expected.
	 * @param method the guarded method
	 * @return the message
	 */
	static String nullReturnedMessage(Method method) {
		String type = method.getReturnType().getSimpleName();
		return MethodNames.signature(method) + " returned null instead of a " + type + "; return a failed " + type
				+ " to report a failure";
	}

	private static InvalidAnnotationException unsupported(String beanName, Method method, String what,
			String action) {
		return new InvalidAnnotationException(beanName, method,
				"returns " + method.getReturnType().getSimpleName() + ", " + what, action);
	}

	/**
	 * Whether the type is or implements Reactive Streams' {@code Publisher}, found by name so
	 * that the check loads nothing when Reactive Streams is absent.
	 */
	private static boolean isPublisher(@Nullable Class<?> type) {
		if (type == null) {
			return false;
		}
		if (type.getName().equals(PUBLISHER)) {
			return true;
		}
		for (Class<?> implemented : type.getInterfaces()) {
			if (isPublisher(implemented)) {
				return true;
			}
		}
		return isPublisher(type.getSuperclass());
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

	}

}
