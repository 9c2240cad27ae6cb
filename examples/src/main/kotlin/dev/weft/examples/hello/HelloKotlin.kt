package dev.weft.examples.hello

import dev.weft.kotlin.application
import dev.weft.web.Application
import dev.weft.web.Response
import dev.weft.web.Server
import kotlinx.coroutines.future.await

/**
 * The routes of [HelloApp] in Kotlin, with the DSL of `weft-kotlin`, plus one that suspends: handlers are suspend
 * functions run on the loop, and `/echo` awaits the request body without blocking it.
 */
fun app(): Application = application {
    routes {
        get("/") { Response.text("Hello, world") }
        get("/hello/{name}") { req -> Response.text("Hello, ${req.param("name")}") }
        post("/echo") { req -> Response.text(req.text().await()) }
    }
}

fun main() {
    val port = System.getenv("PORT")?.toInt() ?: 8080
    Server.run(app(), "127.0.0.1", port)
}
