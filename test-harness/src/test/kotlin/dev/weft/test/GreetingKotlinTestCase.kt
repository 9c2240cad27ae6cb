package dev.weft.test

import dev.weft.web.Application
import dev.weft.web.Response
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** The base class from Kotlin. */
class GreetingKotlinTestCase : WeftTestCase() {
    override fun createApplication(): Application = Application.create().also { app ->
        app.routes().get("/hello/{name}") { req -> Response.text("hello, ${req.param("name")}") }
    }

    @Test
    fun `the client is ready in a kotlin subclass`() {
        client.get("/hello/kotlin").join().use { res ->
            assertThat(res.text().toCompletableFuture().join()).isEqualTo("hello, kotlin")
        }
    }
}
