package dev.resilience.kotlin

import dev.resilience.annotation.CircuitGuarded
import dev.resilience.annotation.Fallback
import dev.resilience.annotation.Retryable
import dev.resilience.annotation.TimeLimited
import dev.resilience.autoconfigure.ResilienceAutoConfiguration
import dev.resilience.http.LoopbackServer
import dev.resilience.http.LoopbackServer.Answer
import java.util.function.Supplier
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.assertj.AssertableApplicationContext
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.http.client.reactive.JdkClientHttpConnector
import org.springframework.stereotype.Service
import org.springframework.web.reactive.function.client.WebClient
import org.springframework.web.reactive.function.client.WebClientException
import org.springframework.web.reactive.function.client.awaitBody
import org.springframework.web.reactive.function.client.bodyToFlow

/**
 * The Kotlin example of the README, as it is written there, against a service over real HTTP on
 * loopback: a 503 is retried, a service that stays unavailable is answered by the fallback, and
 * a `Flow` is collected again when it fails. Retry delays are shortened by properties.
 */
class ReadmeKotlinExampleTests {

    private val server = LoopbackServer.start()

    private val runner = ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))
        .withBean(WebClient::class.java, Supplier {
            WebClient.builder().baseUrl(server.url("")).clientConnector(JdkClientHttpConnector()).build()
        })
        .withBean(InventoryClient::class.java)
        .withPropertyValues("resilience.retry.instances.inventory.delay=10ms",
            "resilience.retry.instances.price-feed.delay=10ms")

    @AfterEach
    fun stopServer() = server.close()

    @Test
    fun `stock is retried after a 503, then answers`() = run { inventory ->
        server.answering { n -> if (n < 3) Answer.status(503) else json("7") }
        assertThat(inventory.stock("sku-1")).isEqualTo(7)
        assertThat(server.requests()).hasSize(3)
    }

    @Test
    fun `stock falls back when the service stays unavailable`() = run { inventory ->
        server.answering { Answer.status(503) }
        assertThat(inventory.stock("sku-1")).isZero()
        assertThat(server.requests()).hasSize(3)
    }

    @Test
    fun `prices are collected again after a 503`() = run { inventory ->
        server.answering { n ->
            if (n == 1) Answer.status(503)
            else Answer(200, mapOf("Content-Type" to "text/plain"), "sku-1: 12.50\nsku-2: 3.20\n", false)
        }
        assertThat(inventory.prices().toList()).containsExactly("sku-1: 12.50", "sku-2: 3.20")
        assertThat(server.requests()).hasSize(2)
    }

    private fun run(test: suspend (InventoryClient) -> Unit) {
        runner.run { context: AssertableApplicationContext ->
            runBlocking { test(context.getBean(InventoryClient::class.java)) }
        }
    }

    private fun json(body: String) = Answer(200, mapOf("Content-Type" to "application/json"), body, false)

    // as in the README
    @Service
    class InventoryClient(private val http: WebClient) {

        @Retryable(name = "inventory")
        @CircuitGuarded(name = "inventory")
        @TimeLimited(name = "inventory", timeout = "2s")
        @Fallback(method = "unknownStock")
        suspend fun stock(sku: String): Int =
            http.get().uri("/stock/{sku}", sku).retrieve().awaitBody()

        suspend fun unknownStock(sku: String, failure: WebClientException): Int = 0

        @Retryable(name = "price-feed")
        fun prices(): Flow<String> = http.get().uri("/prices").retrieve().bodyToFlow()

    }

}
