package dev.weft.examples.hello

import dev.weft.loop.Loop
import dev.weft.web.AppRunner
import dev.weft.web.ServerConfig
import dev.weft.web.Site
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.TimeUnit
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

class HelloKotlinTest {
    private val client = HttpClient.newHttpClient()

    @Test
    fun `greets the world and the name from the path`() {
        Loop.create(1).use { loop ->
            AppRunner.create(app(), ServerConfig.defaults(), loop).use { runner ->
                val site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS)

                val root = get(site.url() + "/")
                val named = get(site.url() + "/hello/grace")

                assertThat(root.statusCode()).isEqualTo(200)
                assertThat(root.body()).isEqualTo("Hello, world")
                assertThat(named.statusCode()).isEqualTo(200)
                assertThat(named.body()).isEqualTo("Hello, grace")
            }
        }
    }

    private fun get(url: String): HttpResponse<String> =
        client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
}
