@file:OptIn(ExperimentalCoroutinesApi::class)

package dev.resilience.kotlin

import dev.resilience.annotation.CircuitGuarded
import dev.resilience.annotation.Fallback
import dev.resilience.annotation.Retryable
import dev.resilience.annotation.TimeLimited
import dev.resilience.autoconfigure.ResilienceAutoConfiguration
import dev.resilience.core.ResilienceRegistry
import dev.resilience.core.TimeLimitExceededException
import java.io.IOException
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.catch
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.stereotype.Service

/**
 * Methods that return a Kotlin `Flow` are guarded like those that return a `Flux`: nothing runs
 * before collection, each collection is a call and each attempt a new collection, the whole
 * stream must complete within its timeout, and a fallback may answer with a `Flow` or a value.
 * A suspend function that returns a `Flow` is guarded the same way.
 */
class FlowTests {

    private val runner = ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))
        .withBean(VirtualTime::class.java)
        .withBean(Feeds::class.java)

    @Test
    fun `nothing runs before collection, and each collection is a call`() = test { feeds, _ ->
        val prices = feeds.prices()
        assertThat(feeds.priceCalls.get()).isZero()
        assertThat(prices.toList()).containsExactly(1, 2)
        assertThat(prices.toList()).containsExactly(1, 2)
        assertThat(feeds.priceCalls.get()).isEqualTo(2)
        assertThat(feeds.priceCollections.get()).isEqualTo(2)
    }

    @Test
    fun `each attempt collects again after the delay`() = test { feeds, registry ->
        feeds.failuresLeft.set(1)
        assertThat(feeds.prices().toList()).containsExactly(1, 2)
        assertThat(currentTime).isEqualTo(100)
        assertThat(feeds.priceCollections.get()).isEqualTo(2)
        assertThat(registry.retry("prices").metrics().successfulWithRetry()).isOne()
    }

    @Test
    fun `the whole flow must complete within its timeout`() = test { feeds, _ ->
        val received = CopyOnWriteArrayList<String>()
        val failure = runCatching { feeds.ticks().onEach { received.add(it) }.toList() }.exceptionOrNull()
        assertThat(failure).isInstanceOf(TimeLimitExceededException::class.java)
        assertThat(received).containsExactly("first")
        assertThat(currentTime).isEqualTo(1000)
        assertThat(feeds.ticksCancelled.get()).isTrue()
    }

    @Test
    fun `a flow is one call to the breaker`() = test { feeds, registry ->
        val breaker = registry.circuitBreaker("news")
        assertThat(feeds.news(false).toList()).containsExactly("a", "b", "c")
        assertThat(breaker.metrics().bufferedCalls()).isOne()
        assertThat(feeds.news(true).catch { }.toList()).containsExactly("a", "b", "c")
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(2)
        assertThat(breaker.metrics().failedCalls()).isOne()
    }

    @Test
    fun `fallback may answer with a flow`() = test { feeds, _ ->
        assertThat(feeds.offers().toList()).containsExactly("cached offer")
    }

    @Test
    fun `fallback may answer with one value`() = test { feeds, _ ->
        assertThat(feeds.deals().toList()).containsExactly("no deals today")
    }

    @Test
    fun `a suspend function returning a flow may fall back to a flow`() = test { feeds, _ ->
        assertThat(feeds.recommendations("boots").toList()).containsExactly("bestsellers")
    }

    @Test
    fun `a suspend function returning a flow is retried`() = test { feeds, _ ->
        feeds.failuresLeft.set(1)
        assertThat(feeds.search("boots").toList()).containsExactly("boots 1", "boots 2")
        assertThat(currentTime).isEqualTo(100)
        assertThat(feeds.searches.get()).isEqualTo(2)
    }

    private fun test(body: suspend TestScope.(Feeds, ResilienceRegistry) -> Unit) {
        runner.run { context ->
            runTest(context.getBean(VirtualTime::class.java).scheduler) {
                body(context.getBean(Feeds::class.java), context.getBean(ResilienceRegistry::class.java))
            }
        }
    }

    @Service
    class Feeds {

        val priceCalls = AtomicInteger()

        val priceCollections = AtomicInteger()

        val failuresLeft = AtomicInteger()

        val ticksCancelled = AtomicBoolean()

        val searches = AtomicInteger()

        @Retryable(name = "prices", maxAttempts = 2, delay = "100ms", jitter = 0.0)
        fun prices(): Flow<Int> {
            priceCalls.incrementAndGet()
            return pricesFlow()
        }

        private fun pricesFlow(): Flow<Int> = flow {
            priceCollections.incrementAndGet()
            if (failuresLeft.getAndDecrement() > 0) {
                throw IOException("feed broke")
            }
            emit(1)
            yield()
            emit(2)
        }

        @TimeLimited(name = "ticks", timeout = "1s")
        fun ticks(): Flow<String> = flow {
            emit("first")
            try {
                awaitCancellation()
            } finally {
                ticksCancelled.set(true)
            }
        }

        @CircuitGuarded(name = "news")
        fun news(fail: Boolean): Flow<String> = flow {
            emit("a")
            emit("b")
            emit("c")
            if (fail) {
                throw IOException("news broke")
            }
        }

        @Fallback(method = "cachedOffers")
        fun offers(): Flow<String> = flow { throw IOException("offers down") }

        fun cachedOffers(failure: IOException): Flow<String> = flowOf("cached offer")

        @Fallback(method = "noDeals")
        fun deals(): Flow<String> = flow { throw IOException("deals down") }

        fun noDeals(): String = "no deals today"

        @Fallback(method = "bestsellers")
        suspend fun recommendations(query: String): Flow<String> {
            yield()
            throw IOException("recommendations down")
        }

        suspend fun bestsellers(query: String, failure: IOException): Flow<String> = flowOf("bestsellers")

        @Retryable(name = "search-feed", maxAttempts = 2, delay = "100ms", jitter = 0.0)
        suspend fun search(query: String): Flow<String> {
            searches.incrementAndGet()
            yield()
            if (failuresLeft.getAndDecrement() > 0) {
                throw IOException("search down")
            }
            return flowOf("$query 1", "$query 2")
        }

    }

}
