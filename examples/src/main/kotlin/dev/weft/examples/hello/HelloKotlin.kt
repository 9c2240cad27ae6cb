package dev.weft.examples.hello

import dev.weft.web.Application
import dev.weft.web.Response
import dev.weft.web.Server

/** The application of [HelloApp], written in Kotlin against the Java API (no DSL). */
fun app(): Application {
    val app = Application.create()
    app.routes()
        .get("/") { Response.text("Hello, world") }
        .get("/hello/{name}") { req -> Response.text("Hello, ${req.param("name")}") }
    return app
}

fun main() {
    val port = System.getenv("PORT")?.toInt() ?: 8080
    Server.run(app(), "127.0.0.1", port)
}
