package dev.weft.bench.servers

import dev.weft.http.ws.WsMessage
import dev.weft.kotlin.application
import dev.weft.loop.Loop
import dev.weft.web.AccessLog
import dev.weft.web.AppRunner
import dev.weft.web.Application
import dev.weft.web.Response
import dev.weft.web.ServerConfig
import dev.weft.web.Site
import dev.weft.web.ws.WebSocketResponse
import kotlinx.coroutines.future.await

/**
 * Weft's Kotlin DSL in the load runs: the endpoints of [WeftServer], written as a Kotlin user would write them
 * (suspend handlers from `weft-kotlin`'s `routes { }`), on a loop of one thread with the access log off. `/plaintext`,
 * `/json` and `/user/{id}` never suspend, so they measure what the DSL costs on top of a Java handler; `POST /echo`
 * suspends on the body, and `GET /ws` is [WeftServer]'s WebSocket echo (`forEach`: each text message sent back, the
 * next one read once the send has been written) in a handler that suspends until the socket closes.
 *
 * Run: `java -cp benchmarks/target/benchmarks.jar dev.weft.bench.servers.WeftKotlinServer PORT`.
 */
object WeftKotlinServer {

    /** The application served. */
    fun app(): Application = application {
        routes {
            get("/plaintext") { Response.text("Hello, World!") }
            get("/json") { Response.json(mapOf("message" to "Hello, World!")) }
            get("/user/{id}") { req -> Response.text("user " + req.param("id")) }
            post("/echo") { req -> Response.bytes(req.bytes().await(), "application/octet-stream") }
            get("/ws") { req ->
                val ws = WebSocketResponse()
                ws.prepare(req).await()
                ws.forEach { message -> ws.sendText(WsMessage.text(message)) }.await()
                ws
            }
        }
    }

    /** Serves [app] on 127.0.0.1 and the port given (8080 by default) until the process is killed. */
    @JvmStatic
    fun main(args: Array<String>) {
        val port = args.firstOrNull()?.toInt() ?: 8080
        val loop = Loop.create(1)
        val runner = AppRunner.create(app(), ServerConfig.create { it.accessLog(AccessLog.off()) }, loop)
        runner.setup().toCompletableFuture().join()
        runner.start(Site.tcp("127.0.0.1", port)).toCompletableFuture().join()
        println("weft-kt listening on $port")
        Thread.currentThread().join()
    }
}
