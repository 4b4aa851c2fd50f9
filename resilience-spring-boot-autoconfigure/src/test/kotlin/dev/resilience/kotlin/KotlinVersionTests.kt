package dev.resilience.kotlin

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * The Kotlin compiler of the build (`kotlin.version` in the root pom) is the version of the
 * standard library that Spring Boot's BOM puts on the class path, so that a Boot upgrade that
 * moves Kotlin fails here rather than compiling against one version and running on another.
 */
class KotlinVersionTests {

    @Test
    fun `the compiler is the standard library's version`() {
        val compiler = System.getProperty("kotlin.compiler.version")
        assumeTrue(compiler != null, "run by Maven, which passes the compiler's version")
        assertThat(compiler).isEqualTo(KotlinVersion.CURRENT.toString())
    }

}
