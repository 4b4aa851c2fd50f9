package dev.resilience.aop;

import java.lang.reflect.Method;

/**
 * Thrown at start-up when an annotated method cannot be guarded as declared: a missing or
 * incompatible fallback method, an attribute out of range, or annotations that must not be
 * combined. Names the bean, the method and what to change.
 *
 * @since 0.1.0
 */
public class InvalidAnnotationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String beanName;

	private final String method;

	private final String problem;

	private final String action;

	/**
	 * Creates a new exception.
	 * @param beanName the name of the bean
	 * @param method the annotated method
	 * @param problem what is wrong
	 * @param action what to change
	 * @param cause the underlying exception, if any
	 */
	public InvalidAnnotationException(String beanName, Method method, String problem, String action,
			Throwable cause) {
		super(describe(beanName, method, problem), cause);
		this.beanName = beanName;
		this.method = MethodNames.signature(method);
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Creates a new exception.
	 * @param beanName the name of the bean
	 * @param method the annotated method
	 * @param problem what is wrong
	 * @param action what to change
	 */
	public InvalidAnnotationException(String beanName, Method method, String problem, String action) {
		super(describe(beanName, method, problem));
		this.beanName = beanName;
		this.method = MethodNames.signature(method);
		this.problem = problem;
		this.action = action;
	}

	private static String describe(String beanName, Method method, String problem) {
		return "Bean '" + beanName + "', method " + MethodNames.signature(method) + ": " + problem;
	}

	public String getBeanName() {
		return this.beanName;
	}

	/** Returns the method's signature, such as {@code String QuoteService.quote(String)}. */
	public String getMethod() {
		return this.method;
	}

	public String getProblem() {
		return this.problem;
	}

	public String getAction() {
		return this.action;
	}

}
