package dev.weft.kotlin

import dev.weft.client.ClientLimits
import dev.weft.client.ClientTimeout
import dev.weft.http.ws.WsMessage
import dev.weft.loop.Loop
import dev.weft.web.AccessLog
import dev.weft.web.AppRunner
import dev.weft.web.Application
import dev.weft.web.HttpException
import dev.weft.web.HttpNotFound
import dev.weft.web.Reply
import dev.weft.web.Request
import dev.weft.web.Response
import dev.weft.web.RouteTable
import dev.weft.web.ServerConfig
import dev.weft.web.ServerLimits
import dev.weft.web.Site
import dev.weft.web.Urls
import dev.weft.web.View
import dev.weft.web.ws.WebSocketResponse
import dev.weft.web.ws.WsOptions
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/**
 * The Kotlin twin of `ApiUsageJava`: every public method of the Java API that takes a functional interface, called
 * with plain Kotlin lambdas (SAM conversion) as a user would write them without the DSL. If an overload makes one of
 * them ambiguous, this file stops compiling. Then it runs what it registered.
 */
class ApiUsageKotlin {
    private val client = HttpClient.newHttpClient()

    private fun later(text: String): CompletionStage<Response> = CompletableFuture.supplyAsync { Response.text(text) }

    private fun everyRouteMethod(): RouteTable {
        val ready: CompletionStage<Response> = CompletableFuture.completedFuture(Response.text("x"))
        return RouteTable.create()
            .get("/get") { Response.text("x") }
            .get("/get-async") { Reply.async(later("x")) }
            .get("/get-named", "named") { req -> Response.text(req.path()) }
            .get("/get-named-async", "named-async") { Reply.async(ready) }
            .post("/post") { Response.text("x") }
            .post("/post-async") { req -> Reply.async(req.text().thenApply(Response::text)) }
            .post("/post-named", "post-named") { Reply.async(later("x")) }
            .put("/put") { Response.text("x") }
            .put("/put-named", "put-named") { Reply.async(later("x")) }
            .patch("/patch") { Response.text("x") }
            .patch("/patch-named", "patch-named") { Reply.async(later("x")) }
            .delete("/delete") { Response.empty(204) }
            .delete("/delete-named", "delete-named") { Reply.async(later("x")) }
            .head("/head") { Response.empty(200) }
            .options("/options") { Reply.async(later("x")) }
            .route("*", "/any") { req -> Response.text(req.method()) }
            .route("GET", "/route-async") { Reply.async(later("x")) }
            .route("GET", "/route-named", "route-named") { Response.text("x") }
            .get("/json") { Reply.async(later("x").thenApply { r -> Response.json(listOf(r.text())) }) }
            .get("/thrown") { throw HttpNotFound() }
            .get("/returned-error") { HttpException(418) }
            .get("/reference", ::handler)
            .get("/ws") { req ->
                val ws = WebSocketResponse(WsOptions.create { it.heartbeat(Duration.ofSeconds(30)) })
                Reply.async(ws.prepare(req).thenCompose { ws.forEach { msg -> ws.sendText(WsMessage.text(msg)) } }
                    .thenApply { ws })
            }
            .get("/ws-quiet") { req ->
                val ws = WebSocketResponse()
                Reply.async(ws.prepare(req).thenCompose { ws.forEach { null } }.thenApply { ws })
            }
            .view("/view", object : View() {
                override fun get(request: Request): Reply = Response.text("view")
            })
            .view("/view-named", "view-named", object : View() {
                override fun post(request: Request): Reply = Reply.async(later("view"))
            })
    }

    private fun handler(request: Request): Reply = Response.text("reference")

    private fun everyApplicationMethod(events: MutableList<String>): Application {
        val app = Application.create()
        app.addRoutes(everyRouteMethod())
        app.routes().get("/") { Response.text("root") }
        // use(Middleware) takes a trailing lambda; use(vararg Middleware) the parenthesised form.
        app.use { req, next -> next.handle(req) }
        app.use({ req, next -> next.handle(req) })
        app.use({ req, next -> next.handle(req).then { res -> res.header("X-Then", "sync") } })
        app.use({ req, next -> next.handle(req).then { res -> Reply.async(CompletableFuture.completedFuture(res)) } })
        app.use(
            { req, next -> next.handle(req).recover { e -> if (e is HttpException) e else Response.text("r").status(500) } },
            { req, next -> next.handle(req).recover { e -> if (e is HttpException) Reply.failed(e) else Reply.async(later("r")) } },
        )
        app.use({ req, next -> next.handle(req.clone { c -> c.header("X-Cloned", "yes") }) })
        app.use({ req, next ->
            Reply.async(CompletableFuture.supplyAsync { "x" }.thenCompose { next.handle(req).toStage() })
        })
        app.onStartup { null }
        app.onStartup {
            events += "startup"
            CompletableFuture.completedFuture(null)
        }
        app.onShutdown {
            events += "shutdown"
            null
        }
        app.onCleanup { CompletableFuture.runAsync { events += "cleanup" } }
        app.cleanupContext { { null } }
        app.cleanupContext {
            events += "setup"
            { CompletableFuture.runAsync { events += "teardown" } }
        }
        return app
    }

    private fun everyLoopMethod(loop: Loop) {
        val ran = CompletableFuture<String>()
        loop.execute { ran.complete("executed") }
        loop.schedule(Duration.ofMillis(1)) { ran.complete("scheduled") }
        val blocking: CompletionStage<Int> = loop.runBlocking { 42 }
        assertThat(ran.get(5, TimeUnit.SECONDS)).isIn("executed", "scheduled")
        assertThat(blocking.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(42)
    }

    @Test
    fun `every functional parameter takes a plain lambda and each form runs`() {
        val events = CopyOnWriteArrayList<String>()
        val app = everyApplicationMethod(events)
        val config = ServerConfig.create { it.accessLog(AccessLog.off()).shutdownGrace(Duration.ofSeconds(1)) }
        Loop.create(1).use { loop ->
            everyLoopMethod(loop)
            AppRunner.create(app, config, loop).use { runner ->
                val site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS)
                fun get(path: String) = client.send(
                    HttpRequest.newBuilder(URI.create(site.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString(),
                )

                assertThat(get("/get").body()).isEqualTo("x")
                assertThat(get("/get-async").body()).isEqualTo("x")
                assertThat(get("/get-async").headers().firstValue("X-Then")).contains("sync")
                assertThat(get("/view").body()).isEqualTo("view")
                assertThat(get("/json").body()).isEqualTo("[\"x\"]")
                assertThat(get("/reference").body()).isEqualTo("reference")
                assertThat(get("/thrown").statusCode()).isEqualTo(404)
                assertThat(get("/returned-error").statusCode()).isEqualTo(418)
            }
        }
        assertThat(events).containsExactlyInAnyOrder("setup", "startup", "shutdown", "cleanup", "teardown")
    }

    @Test
    fun `every configuration value takes a plain lambda and the named route reverses`() {
        val limits = ServerLimits.create { it.maxHeaderBytes(16384).keepAliveTimeout(Duration.ofSeconds(5)) }
        val config = ServerConfig.create { it.limits(limits).backlog(64) }
        val ws = WsOptions.create { it.maxMessageBytes(1024).protocols("chat") }
        val clientLimits = ClientLimits.create { it.maxBodyBytes(1024) }
        val timeout = ClientTimeout.create { it.connect(Duration.ofSeconds(2)).total(null) }
        assertThat(config.limits.maxHeaderBytes).isEqualTo(16384)
        assertThat(ws.protocols).containsExactly("chat")
        assertThat(clientLimits.maxBodyBytes).isEqualTo(1024)
        assertThat(timeout.total).isNull()
        assertThat(limits.withMaxHeaderCount(64).maxHeaderCount).isEqualTo(64)

        val app = Application.create()
        app.routes().get("/users/{id}", "user") { req -> Response.text(req.param("id")) }
        val urls: Urls = app.urls()
        assertThat(urls.url("user", mapOf("id" to "7"))).isEqualTo("/users/7")
    }
}
