package dev.weft.test

import dev.weft.web.Application
import dev.weft.web.Reply
import dev.weft.web.Response
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** The harness from Kotlin: fixtures as parameters, trailing lambdas for request options, the base class. */
@WeftTest(transport = TestTransport.MEMORY)
class TestClientKotlinTest {
    private fun app(): Application = Application.create().also { app ->
        app.routes().post("/echo") { req -> Reply.async(req.text().thenApply { Response.text("echo $it") }) }
    }

    @Test
    fun `a kotlin test posts with a trailing lambda and reads the body`(clients: TestClients) {
        val client = clients.create(app())
        client.post("/echo") { it.text("hi") }.join().use { res ->
            assertThat(res.text().toCompletableFuture().join()).isEqualTo("echo hi")
        }
    }
}
