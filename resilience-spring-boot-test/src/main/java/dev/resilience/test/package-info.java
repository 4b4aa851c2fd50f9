/**
 * Test support for applications that use the resilience starter: a scriptable faulty HTTP
 * server ({@link dev.resilience.test.FaultyHttpServer}, with its JUnit extension), AssertJ
 * assertions over the registry's instances ({@link dev.resilience.test.ResilienceAssertions}), a
 * reset of every instance between tests ({@link dev.resilience.test.ResetResilience}) and a
 * manual clock ({@link dev.resilience.test.ManualClock}).
 */
@NullMarked
package dev.resilience.test;

import org.jspecify.annotations.NullMarked;
