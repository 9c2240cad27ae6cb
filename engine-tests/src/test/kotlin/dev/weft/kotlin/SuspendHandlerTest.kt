package dev.weft.kotlin

import dev.weft.loop.Loop
import dev.weft.test.Await
import dev.weft.test.Await.await
import dev.weft.test.MockedRequest
import dev.weft.test.TestClients
import dev.weft.test.TestServer
import dev.weft.test.TestServers
import dev.weft.test.WeftTest
import dev.weft.web.HttpException
import dev.weft.web.HttpNotFound
import dev.weft.web.Reply
import dev.weft.web.Response
import java.net.Socket
import java.nio.charset.StandardCharsets
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.await
import kotlinx.coroutines.withContext
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** [suspendHandler]: suspend functions as Weft handlers, called directly and served through the test harness. */
@WeftTest
class SuspendHandlerTest {

    /** An application whose middleware keeps the reply each handler gave, before the server settles it. */
    private fun recording(replies: MutableList<Reply>, block: Routes.() -> Unit) = application {
        middleware { req, next -> next.handle(req).also { replies += it } }
        routes(block)
    }

    @Test
    fun `a handler that never suspends gives its response itself, not a later reply`(loop: Loop) {
        val handler = suspendHandler { Response.text("now") }

        val reply = handler.handle(MockedRequest.get("/").loop(loop).build())

        assertThat(reply).isInstanceOf(Response::class.java)
        assertThat((reply as Response).text()).isEqualTo("now")
    }

    @Test
    fun `a served handler that never suspends answers synchronously on the loop`(clients: TestClients) {
        val replies = CopyOnWriteArrayList<Reply>()
        val client = clients.create(recording(replies) { get("/") { Response.text("now") } })

        val res = await(client.get("/"))

        assertThat(await(res.text())).isEqualTo("now")
        assertThat(replies).singleElement().isInstanceOf(Response::class.java)
    }

    @Test
    fun `a handler that suspends resumes on its own loop thread and answers later`(clients: TestClients, loop: Loop) {
        val replies = CopyOnWriteArrayList<Reply>()
        val seen = CompletableFuture<List<Any>>()
        val client = clients.create(recording(replies) {
            get("/later") {
                val thread = Thread.currentThread()
                val before = Loop.current()
                delay(1)
                val afterDelay = Thread.currentThread() === thread
                withContext(Dispatchers.IO) { check(!loop.inLoop()) }
                seen.complete(listOf(before, afterDelay, Thread.currentThread() === thread, Loop.current()))
                Response.text("later")
            }
        })

        val res = await(client.get("/later"))

        assertThat(await(res.text())).isEqualTo("later")
        assertThat(await(seen)).containsExactly(loop, true, true, loop)
        assertThat(replies).singleElement().isNotInstanceOf(Response::class.java)
    }

    @Test
    fun `a handler awaits the request body`(clients: TestClients) {
        val client = clients.create(application {
            routes { post("/echo") { req -> Response.text("got " + req.text().await()) } }
        })

        val res = await(client.post("/echo") { it.text("abc") })

        assertThat(await(res.text())).isEqualTo("got abc")
    }

    @Test
    fun `an exception is answered with 500, thrown at once or after suspending`(clients: TestClients) {
        val client = clients.create(application {
            routes {
                get("/now") { throw IllegalStateException("secret detail") }
                get("/later") {
                    delay(1)
                    throw IllegalStateException("secret detail")
                }
            }
        })

        for (path in listOf("/now", "/later")) {
            val res = await(client.get(path))
            assertThat(res.status()).isEqualTo(500)
            assertThat(await(res.text())).doesNotContain("secret")
        }
    }

    @Test
    fun `an HttpException keeps its status, thrown at once, after suspending or returned`(clients: TestClients) {
        val client = clients.create(application {
            routes {
                get("/now") { throw HttpNotFound() }
                get("/later") {
                    delay(1)
                    throw HttpException(418, "teapot")
                }
                get("/returned") { HttpException(409) }
            }
        })

        val now = await(client.get("/now"))
        val later = await(client.get("/later"))
        val returned = await(client.get("/returned"))

        assertThat(now.status()).isEqualTo(404)
        assertThat(await(now.text())).isEqualTo("404: Not Found")
        assertThat(later.status()).isEqualTo(418)
        assertThat(await(later.text())).isEqualTo("teapot")
        assertThat(returned.status()).isEqualTo(409)
        assertThat(await(returned.text())).isEqualTo("409: Conflict")
    }

    @Test
    fun `cancelling the reply cancels the coroutine, as the server does at a forced stop`(loop: Loop) {
        val started = CompletableFuture<Unit>()
        val cancelled = CompletableFuture<Throwable>()
        val handler = suspendHandler {
            started.complete(Unit)
            try {
                awaitCancellation()
            } catch (e: CancellationException) {
                cancelled.complete(e)
                throw e
            }
        }
        val reply = handler.handle(MockedRequest.get("/").loop(loop).build())
        await(started)

        reply.cancel()

        assertThat(await(cancelled)).isInstanceOf(CancellationException::class.java)
        assertThat(Await.failure(reply.toStage())).isInstanceOf(CancellationException::class.java)
    }

    @Test
    fun `a forced stop of the server cancels the coroutine of a handler still running`(servers: TestServers) {
        val replies = CopyOnWriteArrayList<Reply>()
        val started = CountDownLatch(1)
        val cancelled = CompletableFuture<Throwable>()
        val server = servers.start(recording(replies) {
            get("/never") {
                started.countDown()
                try {
                    awaitCancellation()
                } catch (e: CancellationException) {
                    cancelled.complete(e)
                    throw e
                }
            }
        })

        Socket(TestServer.HOST, server.port()).use { socket ->
            socket.getOutputStream().write("GET /never HTTP/1.1\r\nHost: x\r\n\r\n".toByteArray(StandardCharsets.US_ASCII))
            socket.getOutputStream().flush()
            assertThat(started.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue()
            server.close() // the test config has no grace period: the server cancels the reply still running
        }

        assertThat(await(cancelled)).isInstanceOf(CancellationException::class.java)
        assertThat(Await.failure(replies.single().toStage())).isInstanceOf(CancellationException::class.java)
    }

    @Test
    fun `a client that disconnects cancels the handler's coroutine`(clients: TestClients) {
        val started = CountDownLatch(1)
        val cancelled = CompletableFuture<Throwable>()
        val client = clients.create(application {
            routes {
                get("/never") {
                    started.countDown()
                    try {
                        awaitCancellation()
                    } catch (e: CancellationException) {
                        cancelled.complete(e)
                        throw e
                    }
                }
            }
        })

        Socket(TestServer.HOST, client.server().port()).use { socket ->
            socket.getOutputStream().write("GET /never HTTP/1.1\r\nHost: x\r\n\r\n".toByteArray(StandardCharsets.US_ASCII))
            socket.getOutputStream().flush()
            assertThat(started.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue()
        }

        assertThat(await(cancelled)).isInstanceOf(CancellationException::class.java)
    }
}
