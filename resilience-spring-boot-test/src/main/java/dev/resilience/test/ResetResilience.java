package dev.resilience.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resets every instance of the Spring test's {@link dev.resilience.core.ResilienceRegistry}
 * before and after each test, so that a breaker one test opened or a budget it spent never
 * reaches the next test that shares the cached application context. Put it on a test class run
 * with Spring's extension (such as a {@code @SpringBootTest}); see
 * {@link ResilienceResetExtension} for what a reset does.
 *
 * @since 0.3.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ResilienceResetExtension.class)
public @interface ResetResilience {

}
