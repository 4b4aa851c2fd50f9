@file:OptIn(ExperimentalCoroutinesApi::class)

package dev.resilience.kotlin

import dev.resilience.annotation.CircuitGuarded
import dev.resilience.annotation.ConcurrencyLimited
import dev.resilience.annotation.Fallback
import dev.resilience.annotation.Hedged
import dev.resilience.annotation.RateLimited
import dev.resilience.annotation.Retryable
import dev.resilience.annotation.TimeLimited
import dev.resilience.aop.InvalidAnnotationException
import dev.resilience.autoconfigure.ResilienceAutoConfiguration
import dev.resilience.core.CircuitBreaker
import dev.resilience.core.Deadline
import dev.resilience.core.LimitExceededException
import dev.resilience.core.ResilienceRegistry
import dev.resilience.core.Retry
import dev.resilience.core.TimeLimitExceededException
import dev.resilience.core.TimeLimiter
import java.io.IOException
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.reactor.ReactorContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import org.springframework.core.PropagationContextElement
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.stereotype.Service
import reactor.core.publisher.Hooks
import reactor.core.publisher.Mono

/**
 * Kotlin suspend functions carry every annotation with the semantics of `CompletionStage`
 * methods: attempts, waits and timeouts block no thread (here they pass on virtual time), the
 * breaker records a call when it completes, a timeout or a caller's cancellation cancels the
 * coroutine, and fallbacks may suspend.
 */
class SuspendFunctionTests {

    private val runner = ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))
        .withBean(VirtualTime::class.java)
        .withBean(Ledger::class.java)
        .withBean(Catalog::class.java)

    @Test
    fun `retries wait on the scheduler and block no thread`() = test { catalog, registry ->
        catalog.failuresLeft.set(2)
        assertThat(catalog.product("p-1")).isEqualTo("product p-1")
        assertThat(currentTime).isEqualTo(300)
        assertThat(catalog.productCalls.get()).isEqualTo(3)
        assertThat(registry.retry("product").metrics()).isEqualTo(Retry.Metrics(0, 1, 0, 0, 2, 0))
    }

    @Test
    fun `a failure that outlasts the retries reaches the caller as thrown`() = test { catalog, registry ->
        catalog.failuresLeft.set(3)
        val failure = runCatching { catalog.product("p-1") }.exceptionOrNull()
        assertThat(failure).isInstanceOf(IOException::class.java).hasMessage("catalog unavailable")
        assertThat(registry.retry("product").metrics().failedWithRetry()).isEqualTo(1)
    }

    @Test
    fun `timeout cancels the coroutine`() = test { catalog, registry ->
        val failure = runCatching { catalog.slow() }.exceptionOrNull()
        assertThat(failure).isInstanceOf(TimeLimitExceededException::class.java)
        assertThat(currentTime).isEqualTo(1000)
        assertThat(catalog.slowCancelled.get()).isTrue()
        assertThat(registry.timeLimiter("slow").metrics()).isEqualTo(TimeLimiter.Metrics(0, 0, 1))
    }

    @Test
    fun `breaker records the call when the coroutine completes, not when it suspends`() =
        test { catalog, registry ->
            val breaker = registry.circuitBreaker("stock")
            val call = async { runCatching { catalog.stock("p-1") } }
            runCurrent()
            assertThat(catalog.stockCalls.get()).isOne()
            assertThat(breaker.metrics().bufferedCalls()).isZero()
            catalog.stock.completeExceptionally(IOException("warehouse down"))
            assertThat(call.await().exceptionOrNull()).isInstanceOf(IOException::class.java)
            assertThat(breaker.metrics().bufferedCalls()).isOne()
            assertThat(breaker.metrics().failedCalls()).isOne()
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN)
            assertThat(runCatching { catalog.stock("p-1") }.exceptionOrNull())
                .isInstanceOf(dev.resilience.core.CallNotPermittedException::class.java)
            assertThat(catalog.stockCalls.get()).isOne()
        }

    @Test
    fun `fallback may suspend, in the caller's coroutine context`() = test { catalog, _ ->
        assertThat(catalog.price("p-1")).isEqualTo(42)
        // the retry's 10ms, then the fallback's delay, both on the test's virtual time
        assertThat(currentTime).isEqualTo(15)
        assertThat(catalog.fallbackFailures).singleElement().isInstanceOf(IOException::class.java)
    }

    @Test
    fun `fallback may be a plain function`() = test { catalog, _ ->
        assertThat(catalog.name("p-1")).isEqualTo("unnamed p-1")
    }

    @Test
    fun `a suspend function returning Unit falls back to one returning Unit`() = test { catalog, _ ->
        catalog.record("viewed p-1")
        assertThat(catalog.recordedLater).containsExactly("viewed p-1")
    }

    @Test
    fun `hedge sends a second attempt after the delay and cancels the slower one`() = test { catalog, registry ->
        assertThat(catalog.search("boots")).isEqualTo("results for boots from attempt 2")
        assertThat(currentTime).isEqualTo(50)
        assertThat(catalog.searchCancelled.get()).isTrue()
        assertThat(registry.hedge("search").metrics().hedgesSent()).isOne()
    }

    @Test
    fun `concurrency limit refuses a second call, and a cancelled caller gives its slot back`() =
        test { catalog, registry ->
            val first = async { catalog.export() }
            runCurrent()
            assertThat(runCatching { catalog.export() }.exceptionOrNull())
                .isInstanceOf(LimitExceededException::class.java)
            first.cancel()
            runCurrent()
            assertThat(catalog.exportCancelled.get()).isTrue()
            assertThat(registry.concurrencyLimit("exports").inFlight()).isZero()
            catalog.export.complete("report")
            assertThat(catalog.export()).isEqualTo("report")
        }

    @Test
    fun `rate limiter delays a call until its turn without blocking a thread`() = test { catalog, _ ->
        assertThat(catalog.quote("EUR")).isEqualTo("EUR 1")
        assertThat(catalog.quote("EUR")).isEqualTo("EUR 2")
        assertThat(currentTime).isEqualTo(1000)
    }

    @Test
    fun `a nested guarded suspend function runs within the caller's deadline`() = test { catalog, _ ->
        assertThat(catalog.report()).isEqualTo("report within PT1S")
    }

    @Test
    fun `with Reactor's automatic context propagation the deadline is current inside the function`() {
        Hooks.enableAutomaticContextPropagation()
        try {
            test { catalog, _ ->
                // what Spring WebFlux puts in the context of a suspend handler when propagation is on
                withContext(PropagationContextElement()) {
                    catalog.report()
                }
                assertThat(catalog.ledger.threadLocalDeadline).isEqualTo(Duration.ofSeconds(1))
            }
        } finally {
            Hooks.disableAutomaticContextPropagation()
        }
    }

    @Test
    fun `a fallback that does not fit fails start-up naming the suspend function`() {
        ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))
            .withBean(WrongFallback::class.java)
            .run { context ->
                assertThat(context).hasFailed()
                val failure = generateSequence(context.startupFailure) { it.cause }.last() as InvalidAnnotationException
                assertThat(failure.method).isEqualTo("suspend String WrongFallback.lookup(String)")
                assertThat(failure.problem).contains("found: suspend String WrongFallback.cached(int)")
                assertThat(failure.action).startsWith("Declare a method [suspend] String cached(String) or "
                    + "[suspend] String cached(String, Throwable)")
            }
    }

    @Test
    fun `a suspending fallback of a plain function fails start-up`() {
        startupFailure(SuspendingFallbackOfPlainFunction::class.java) { failure ->
            assertThat(failure.method).isEqualTo("String SuspendingFallbackOfPlainFunction.lookup(String)")
            assertThat(failure.problem).contains("found: suspend String SuspendingFallbackOfPlainFunction.cached(String)")
        }
    }

    @Test
    fun `a fallback is checked against the return type resolved for the bean`() {
        startupFailure(Names::class.java) { failure ->
            assertThat(failure.method).isEqualTo("suspend Object Repository.load(String)")
            assertThat(failure.action).startsWith("Declare a method [suspend] String unknown(String)")
        }
    }

    @Test
    fun `a Unit suspend function of a base class falls back to one of the bean's class`() {
        ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))
            .withBean(QuietNotifier::class.java)
            .run { context ->
                val notifier = context.getBean(QuietNotifier::class.java)
                runBlocking { notifier.notify("order-7") }
                assertThat(notifier.quieted).containsExactly("order-7")
            }
    }

    @Test
    fun `a generic plain method's fallback is checked against the type resolved for the bean`() {
        startupFailure(PlainNames::class.java) { failure ->
            assertThat(failure.action).startsWith("Declare a method String unknown() or String unknown(Throwable)")
        }
    }

    @Test
    fun `a suspending fallback of a Mono method runs with Spring's propagation context when it is on`() {
        Hooks.enableAutomaticContextPropagation()
        try {
            ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))
                .withBean(MonoPrices::class.java)
                .run { context ->
                    val prices = context.getBean(MonoPrices::class.java)
                    assertThat(prices.price().block(Duration.ofSeconds(5))).isEqualTo(1)
                    assertThat(prices.propagated).isTrue()
                }
        } finally {
            Hooks.disableAutomaticContextPropagation()
        }
    }

    @Test
    fun `a suspend function returning a Flow subtype fails start-up`() {
        startupFailure(SharedFeed::class.java) { failure ->
            assertThat(failure.problem).contains("a Flow subtype")
            assertThat(failure.action).isEqualTo("Declare Flow as the return type.")
        }
    }

    private fun startupFailure(beanClass: Class<*>, check: (InvalidAnnotationException) -> Unit) {
        ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))
            .withBean(beanClass)
            .run { context ->
                assertThat(context).hasFailed()
                check(generateSequence(context.startupFailure) { it.cause }.last() as InvalidAnnotationException)
            }
    }

    private fun test(body: suspend TestScope.(Catalog, ResilienceRegistry) -> Unit) {
        runner.run { context ->
            runTest(context.getBean(VirtualTime::class.java).scheduler) {
                body(context.getBean(Catalog::class.java), context.getBean(ResilienceRegistry::class.java))
            }
        }
    }

    @Service
    class Ledger {

        @Volatile
        var threadLocalDeadline: Duration? = null

        @TimeLimited(name = "ledger", timeout = "5s")
        suspend fun totals(): String {
            threadLocalDeadline = Deadline.current()?.remaining()
            val deadline = currentCoroutineContext()[ReactorContext]!!.context.get<Deadline>(Deadline.CONTEXT_KEY)
            return "within " + deadline.remaining()
        }

    }

    @Service
    class Catalog(val ledger: Ledger) {

        val productCalls = AtomicInteger()

        val failuresLeft = AtomicInteger()

        val slowCancelled = AtomicBoolean()

        val stockCalls = AtomicInteger()

        val stock = CompletableDeferred<Int>()

        val fallbackFailures = CopyOnWriteArrayList<Throwable>()

        val recordedLater = CopyOnWriteArrayList<String>()

        private val searches = AtomicInteger()

        val searchCancelled = AtomicBoolean()

        val export = CompletableDeferred<String>()

        val exportCancelled = AtomicBoolean()

        private val quotes = AtomicInteger()

        @Retryable(name = "product", maxAttempts = 3, delay = "100ms", jitter = 0.0)
        suspend fun product(id: String): String {
            productCalls.incrementAndGet()
            yield()
            if (failuresLeft.getAndDecrement() > 0) {
                throw IOException("catalog unavailable")
            }
            return "product $id"
        }

        @TimeLimited(name = "report", timeout = "1s")
        suspend fun report(): String = "report " + ledger.totals()

        @TimeLimited(name = "slow", timeout = "1s")
        suspend fun slow(): String {
            try {
                awaitCancellation()
            } finally {
                slowCancelled.set(true)
            }
        }

        @CircuitGuarded(name = "stock", minimumCalls = 1, failureRateThreshold = 50.0)
        suspend fun stock(id: String): Int {
            stockCalls.incrementAndGet()
            return stock.await()
        }

        @Retryable(name = "price", maxAttempts = 2, delay = "10ms", jitter = 0.0)
        @Fallback(method = "cachedPrice")
        suspend fun price(id: String): Int {
            yield()
            throw IOException("prices down")
        }

        suspend fun cachedPrice(id: String, failure: IOException): Int {
            delay(5)
            fallbackFailures.add(failure)
            return 42
        }

        @Fallback(method = "defaultName")
        suspend fun name(id: String): String {
            yield()
            throw IllegalStateException("names down")
        }

        fun defaultName(id: String, failure: Throwable): String = "unnamed $id"

        @Fallback(method = "recordLater")
        suspend fun record(event: String) {
            yield()
            throw IOException("journal down")
        }

        suspend fun recordLater(event: String, failure: IOException) {
            yield()
            recordedLater.add(event)
        }

        @Hedged(name = "search", maxAttempts = 2, delay = "50ms")
        suspend fun search(query: String): String {
            val attempt = searches.incrementAndGet()
            if (attempt == 1) {
                try {
                    awaitCancellation()
                } finally {
                    searchCancelled.set(true)
                }
            }
            yield()
            return "results for $query from attempt $attempt"
        }

        @ConcurrencyLimited(name = "exports", limit = 1)
        suspend fun export(): String {
            try {
                return export.await()
            } catch (ex: kotlinx.coroutines.CancellationException) {
                exportCancelled.set(true)
                throw ex
            }
        }

        @RateLimited(name = "quotes", limit = 1, period = "1s", maxWait = "2s")
        suspend fun quote(currency: String): String {
            yield()
            return "$currency ${quotes.incrementAndGet()}"
        }

    }

    @Service
    class SuspendingFallbackOfPlainFunction {

        @Fallback(method = "cached")
        fun lookup(id: String): String = id

        suspend fun cached(id: String): String = "cached $id"

    }

    abstract class Repository<T> {

        @Fallback(method = "unknown")
        open suspend fun load(id: String): T = throw IOException("store down")

        suspend fun unknown(id: String): Int = 0

    }

    @Service
    class Names : Repository<String>()

    abstract class Notifier {

        @Fallback(method = "quiet")
        open suspend fun notify(id: String) {
            yield()
            throw IOException("mail down")
        }

    }

    @Service
    class QuietNotifier : Notifier() {

        val quieted = CopyOnWriteArrayList<String>()

        suspend fun quiet(id: String) {
            yield()
            quieted.add(id)
        }

    }

    abstract class PlainRepository<T> {

        @Fallback(method = "unknown")
        open fun load(): T = throw IOException("store down")

        fun unknown(): Int = 0

    }

    @Service
    class PlainNames : PlainRepository<String>()

    @Service
    class MonoPrices {

        @Volatile
        var propagated = false

        @Fallback(method = "cached")
        fun price(): Mono<Int> = Mono.error(IOException("prices down"))

        suspend fun cached(failure: IOException): Int {
            propagated = currentCoroutineContext()[PropagationContextElement.Key] != null
            return 1
        }

    }

    @Service
    class SharedFeed {

        @Retryable
        suspend fun prices(): MutableSharedFlow<Int> = MutableSharedFlow()

    }

    @Service
    class WrongFallback {

        @Fallback(method = "cached")
        suspend fun lookup(id: String): String = id

        suspend fun cached(id: Int): String = "cached $id"

    }

}
