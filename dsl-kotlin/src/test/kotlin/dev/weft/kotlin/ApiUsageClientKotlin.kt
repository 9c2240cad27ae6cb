package dev.weft.kotlin

import dev.weft.client.ClientResponse
import dev.weft.client.ClientSession
import dev.weft.client.CookieJar
import dev.weft.client.TcpConnector
import dev.weft.client.TraceEvent
import dev.weft.http.ws.WsMessage
import dev.weft.loop.Loop
import dev.weft.web.AccessLog
import dev.weft.web.AppRunner
import dev.weft.web.Application
import dev.weft.web.Reply
import dev.weft.web.Response
import dev.weft.web.ServerConfig
import dev.weft.web.Site
import dev.weft.web.ws.WebSocketResponse
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** The client's functional parameters called with plain Kotlin lambdas; the Kotlin twin of ApiUsageJava's client part. */
class ApiUsageClientKotlin {
    @Test
    fun `client options, builders and tracers take plain lambdas`() {
        val app = Application.create()
        app.routes().get("/x") { Response.text("x") }.post("/x") { req -> Response.text(req.method()) }
        app.routes().get("/ws") { req ->
            val ws = WebSocketResponse()
            Reply.async(ws.prepare(req).thenCompose { ws.forEach { m -> ws.sendText(WsMessage.text(m)) } }
                .thenApply { ws })
        }
        val events = CopyOnWriteArrayList<TraceEvent>()
        Loop.create(1).use { loop ->
            AppRunner.create(app, ServerConfig.create { it.accessLog(AccessLog.off()) }, loop).use { runner ->
                val site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS)
                val connector = TcpConnector.create { it.loop(loop).limit(10) }
                val jar = CookieJar.create { it.unsafe(true) }
                jar.clear { c -> c.name().startsWith("x") }
                ClientSession.create { it.connector(connector).cookieJar(jar).trace { e -> events.add(e) } }.use { s ->
                    val got = s.get(site.url() + "/x").thenCompose(ClientResponse::text)
                    val posted = s.request("POST", site.url() + "/x") { r -> r.json(listOf(1)).header("X", "1") }
                        .thenCompose { r -> r.text() }
                    assertThat(got.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("x")
                    assertThat(posted.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("POST")
                    val heard = CopyOnWriteArrayList<String>()
                    val ws = s.wsConnect(site.url() + "/ws") { o -> o.protocols("chat").maxMessageBytes(1 shl 20) }
                        .thenCompose { w ->
                            w.sendText("hi").thenCompose {
                                w.forEach { m ->
                                    heard.add(WsMessage.text(m))
                                    w.close()
                                }
                            }
                        }
                    ws.toCompletableFuture().get(5, TimeUnit.SECONDS)
                    assertThat(heard).containsExactly("hi")
                }
            }
        }
        assertThat(events).isNotEmpty
    }
}
