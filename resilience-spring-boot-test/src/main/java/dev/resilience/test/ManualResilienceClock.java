package dev.resilience.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Makes the starter's instances in a Spring Boot test run on a {@link ManualClock}, which the
 * test gets injected ({@code @Autowired ManualClock clock}): breakers wait in the open state until
 * the test advances the clock, and retries do not sleep. Put it on the test class:
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;ManualResilienceClock
 * class InventoryClientTests {
 *
 *     &#64;Autowired
 *     ManualClock clock;
 *     ...
 * }
 * </pre>
 *
 * @since 0.3.0
 * @see ManualClockConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(ManualClockConfiguration.class)
public @interface ManualResilienceClock {

}
