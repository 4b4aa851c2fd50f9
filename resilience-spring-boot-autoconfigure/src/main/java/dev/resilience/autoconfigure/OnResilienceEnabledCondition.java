package dev.resilience.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code resilience.enabled} is {@code false}. Unlike
 * {@code @ConditionalOnBooleanProperty}, which does not match a value other than {@code true} or
 * {@code false}, a value that is not a boolean fails start-up (a binding failure naming the
 * property), rather than silently turning every annotation off.
 */
final class OnResilienceEnabledCondition extends SpringBootCondition {

	private static final String PROPERTY = "resilience.enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean enabled = Binder.get(context.getEnvironment()).bind(PROPERTY, Boolean.class).orElse(true);
		return enabled ? ConditionOutcome.match(PROPERTY + " is true or unset")
				: ConditionOutcome.noMatch(PROPERTY + " is false");
	}

}
