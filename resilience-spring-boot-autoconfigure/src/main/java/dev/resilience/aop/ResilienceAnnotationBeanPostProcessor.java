package dev.resilience.aop;

import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;

import dev.resilience.core.Faults;
import dev.resilience.core.ResilienceRegistry;

/**
 * Proxies beans that carry the annotation of one of the {@link PolicyKinds} ({@code @Retryable},
 * {@code @CircuitGuarded}, {@code @TimeLimited}, {@code @Fallback}) on a method or on their class,
 * and resolves each annotated method's pipeline when the bean is proxied, so that a wrong
 * annotation fails start-up. Works with Spring AOP alone; AspectJ weaving is not needed.
 *
 * <p>Its advisor goes before any existing advisor of a proxy, so that the pipeline runs around
 * other interceptors (transactions, for example), which then run once per attempt.
 *
 * @since 0.1.0
 */
public class ResilienceAnnotationBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final long serialVersionUID = 1L;

	private final transient Supplier<ResilienceRegistry> registry;

	private final transient Supplier<@Nullable Faults> faults;

	private final transient Supplier<@Nullable ObservationRegistry> observations;

	private transient ResilienceMethodInterceptor interceptor;

	/**
	 * Creates a post-processor.
	 * @param registry supplies the registry of instances when the first annotated bean is
	 * proxied
	 */
	public ResilienceAnnotationBeanPostProcessor(Supplier<ResilienceRegistry> registry) {
		this(registry, () -> null);
	}

	/**
	 * Creates a post-processor that also injects faults.
	 * @param registry supplies the registry of instances when the first annotated bean is
	 * proxied
	 * @param faults supplies the faults to inject into annotated methods, or {@code null} when
	 * faults are not enabled
	 * @since 0.3.0
	 */
	public ResilienceAnnotationBeanPostProcessor(Supplier<ResilienceRegistry> registry,
			Supplier<@Nullable Faults> faults) {
		this(registry, faults, () -> null);
	}

	/**
	 * Creates a post-processor that also injects faults and makes each call an observation.
	 * @param registry supplies the registry of instances when the first annotated bean is
	 * proxied
	 * @param faults supplies the faults to inject into annotated methods, or {@code null} when
	 * faults are not enabled
	 * @param observations supplies where each call of an annotated method is observed, or
	 * {@code null} when calls are not observed
	 * @since 0.3.0
	 */
	public ResilienceAnnotationBeanPostProcessor(Supplier<ResilienceRegistry> registry,
			Supplier<@Nullable Faults> faults, Supplier<@Nullable ObservationRegistry> observations) {
		this.registry = registry;
		this.faults = faults;
		this.observations = observations;
		setBeforeExistingAdvisors(true);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		ConfigurableBeanFactory configurable = (ConfigurableBeanFactory) beanFactory;
		AnnotationSettings settings = new AnnotationSettings(configurable::resolveEmbeddedValue);
		PipelineFactory pipelines = new PipelineFactory(memoize(this.registry), settings, this.faults,
				this.observations);
		this.interceptor = new ResilienceMethodInterceptor(pipelines);
		this.advisor = new DefaultPointcutAdvisor(pointcut(), this.interceptor);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.interceptor != null && !(bean instanceof AopInfrastructureBean) && isEligible(bean, beanName)) {
			this.interceptor.prepare(beanName, AopUtils.getTargetClass(bean));
		}
		return super.postProcessAfterInitialization(bean, beanName);
	}

	private static Pointcut pointcut() {
		ComposablePointcut pointcut = null;
		for (Class<? extends java.lang.annotation.Annotation> type : PolicyKinds.annotations()) {
			Pointcut onClass = new AnnotationMatchingPointcut(type, true);
			Pointcut onMethod = new AnnotationMatchingPointcut(null, type, true);
			pointcut = (pointcut == null) ? new ComposablePointcut(onClass) : pointcut.union(onClass);
			pointcut.union(onMethod);
		}
		return pointcut;
	}

	private static Supplier<ResilienceRegistry> memoize(Supplier<ResilienceRegistry> supplier) {
		return new Supplier<>() {

			private volatile ResilienceRegistry registry;

			@Override
			public ResilienceRegistry get() {
				ResilienceRegistry result = this.registry;
				if (result == null) {
					result = supplier.get();
					this.registry = result;
				}
				return result;
			}

		};
	}

}
