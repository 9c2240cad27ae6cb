package dev.weft.kotlin

import dev.weft.http.ws.WsMessage
import dev.weft.loop.Loop
import dev.weft.test.Await.await
import dev.weft.test.TestClients
import dev.weft.test.WeftTest
import dev.weft.web.AppKey
import dev.weft.web.Response
import dev.weft.web.ws.WebSocketResponse
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.await
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** The [routes] and [application] DSL served end to end through the test harness. */
@WeftTest
class RoutesServedTest {
    private val greeting: AppKey<String> = AppKey.of("greeting", String::class.java)
    private val startedOn: AppKey<Loop> = AppKey.of("started on", Loop::class.java)

    @Test
    fun `each method of the routes DSL answers its method`(clients: TestClients) {
        val client = clients.create(application {
            routes {
                get("/r") { Response.text("get") }
                post("/r") { req -> Response.text("post " + req.text().await()) }
                put("/r") { Response.text("put") }
                patch("/r") { Response.text("patch") }
                delete("/r") { Response.empty(204) }
                options("/r") { Response.text("options") }
                route("*", "/any") { req -> Response.text(req.method()) }
            }
        })

        assertThat(await(await(client.get("/r")).text())).isEqualTo("get")
        assertThat(await(await(client.post("/r") { it.text("x") }).text())).isEqualTo("post x")
        assertThat(await(await(client.put("/r")).text())).isEqualTo("put")
        assertThat(await(await(client.patch("/r")).text())).isEqualTo("patch")
        assertThat(await(client.delete("/r")).use { it.status() }).isEqualTo(204)
        assertThat(await(await(client.options("/r")).text())).isEqualTo("options")
        assertThat(await(await(client.request("PURGE", "/any")).text())).isEqualTo("PURGE")
        assertThat(await(client.head("/r")).use { it.status() }).isEqualTo(200)
    }

    @Test
    fun `a named route is reversed and its placeholders reach the handler`(clients: TestClients) {
        val client = clients.create(application {
            routes {
                get("/users/{id}", name = "user") { req ->
                    Response.text(req.app().urls().url("user", mapOf("id" to req.param("id"))))
                }
            }
        })

        assertThat(client.app().urls().url("user", mapOf("id" to "7"))).isEqualTo("/users/7")
        assertThat(await(await(client.get("/users/42")).text())).isEqualTo("/users/42")
    }

    @Test
    fun `a table made apart is served once added, in a sub-application too`(clients: TestClients) {
        val api = routes { get("/ping") { Response.text("pong") } }
        val admin = application { routes { get("/ping") { Response.text("admin pong") } } }
        val client = clients.create(application {
            addRoutes(api)
            subapp("/admin", admin)
        })

        assertThat(await(await(client.get("/ping")).text())).isEqualTo("pong")
        assertThat(await(await(client.get("/admin/ping")).text())).isEqualTo("admin pong")
    }

    @Test
    fun `state, a suspending startup signal and a middleware of the application builder take effect`(
        clients: TestClients,
        loop: Loop,
    ) {
        val client = clients.create(application {
            this[greeting] = "Hello"
            onStartup { app ->
                delay(1)
                app.set(startedOn, Loop.current())
            }
            middleware { req, next -> next.handle(req).then { res -> res.header("X-Seen", "yes") } }
            routes { get("/") { req -> Response.text(req.app().require(greeting)) } }
        })

        val res = await(client.get("/"))

        assertThat(await(res.text())).isEqualTo("Hello")
        assertThat(res.header("X-Seen")).isEqualTo("yes")
        assertThat(client.app().get(startedOn)).isSameAs(loop)
    }

    @Test
    fun `a suspending handler serves a WebSocket`(clients: TestClients) {
        val client = clients.create(application {
            routes {
                get("/ws") { req ->
                    val ws = WebSocketResponse()
                    ws.prepare(req).await()
                    while (true) {
                        val message = ws.receive().await() as? WsMessage.Text ?: break
                        ws.sendText("echo " + message.data()).await()
                    }
                    ws
                }
            }
        })

        val ws = await(client.wsConnect("/ws"))
        await(ws.sendText("hi"))
        val echoed = await(ws.receiveText())
        await(ws.close())

        assertThat(echoed).isEqualTo("echo hi")
    }
}
