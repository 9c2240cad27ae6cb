package dev.weft.kotlin

import dev.weft.web.Application
import dev.weft.web.Reply
import dev.weft.web.Request
import dev.weft.web.RouteTable

/**
 * Routes defined in Kotlin, apart from any application, as aiohttp's `RouteTableDef`; add the table to applications
 * with [Application.addRoutes] or [ApplicationScope.addRoutes].
 *
 * ```kotlin
 * val api = routes {
 *     get("/") { Response.text("home") }
 *     get("/users/{id}", name = "user") { req -> Response.json(users.load(req.param("id"))) }
 *     post("/echo") { req -> Response.text(req.text().await()) }
 *     route("*", "/any") { req -> Response.text(req.method()) }
 * }
 * ```
 *
 * Each handler is a suspend function of the request (see [suspendHandler]). Paths are checked as [RouteTable] checks
 * them, when added: a malformed template or a route added twice fails at once with [IllegalArgumentException] naming
 * the line of the first one.
 */
fun routes(block: Routes.() -> Unit): RouteTable {
    val table = RouteTable.create()
    Routes(table).block()
    return table
}

/**
 * Adds routes to this application's own table: `app.routes { get("/") { Response.text("hello") } }`. Returns that
 * table. (The Java member `routes()`, without a block, gives the table itself.)
 */
fun Application.routes(block: Routes.() -> Unit): RouteTable {
    val table = routes()
    Routes(table).block()
    return table
}

/**
 * The receiver of [routes]: adds routes whose handlers are suspend functions to [table].
 *
 * Every method takes the path template (`/users/{id}`, see [dev.weft.web.RouteDef]), an optional [name] for URL
 * reversal with [dev.weft.web.Urls.url], and the handler last, so it goes after the parentheses. A handler
 * receives the [Request] as its parameter (`{ req -> ... }`, or `it`) rather than as a receiver, so that inside it
 * `get` and `set` still mean the request's state, not this table's routes. It returns a [Reply]: a
 * [dev.weft.web.Response], an [dev.weft.web.HttpException] (returned or thrown), or a WebSocket response.
 *
 * Not thread-safe: build routes before the application starts.
 */
@WeftDsl
class Routes internal constructor(
    /** The table the routes go to, for what this DSL does not cover (views, Java handlers). */
    val table: RouteTable,
) {
    /** Adds a route for [method] (`"*"` for any method). */
    fun route(method: String, path: String, name: String? = null, handler: suspend (Request) -> Reply) {
        val h = suspendHandler(handler)
        if (name == null) table.route(method, path, h) else table.route(method, path, name, h)
    }

    /** Adds a `GET` route; it answers `HEAD` too, as in the Java API. */
    fun get(path: String, name: String? = null, handler: suspend (Request) -> Reply) =
        route("GET", path, name, handler)

    /** Adds a `POST` route. */
    fun post(path: String, name: String? = null, handler: suspend (Request) -> Reply) =
        route("POST", path, name, handler)

    /** Adds a `PUT` route. */
    fun put(path: String, name: String? = null, handler: suspend (Request) -> Reply) =
        route("PUT", path, name, handler)

    /** Adds a `PATCH` route. */
    fun patch(path: String, name: String? = null, handler: suspend (Request) -> Reply) =
        route("PATCH", path, name, handler)

    /** Adds a `DELETE` route. */
    fun delete(path: String, name: String? = null, handler: suspend (Request) -> Reply) =
        route("DELETE", path, name, handler)

    /** Adds a `HEAD` route. */
    fun head(path: String, name: String? = null, handler: suspend (Request) -> Reply) =
        route("HEAD", path, name, handler)

    /** Adds an `OPTIONS` route. */
    fun options(path: String, name: String? = null, handler: suspend (Request) -> Reply) =
        route("OPTIONS", path, name, handler)

    /**
     * Serves the files under [directory] at [prefix] (`GET` and `HEAD`), as [RouteTable.staticFiles]: ranges,
     * conditional requests and precompressed siblings; a path out of [directory] in any spelling is 404. A directory is
     * 403 unless [showIndex]; symbolic links are refused unless [followSymlinks].
     */
    fun staticFiles(prefix: String, directory: java.nio.file.Path, showIndex: Boolean = false,
                    followSymlinks: Boolean = false) {
        table.staticFiles(prefix, directory, dev.weft.web.StaticOptions.create { o ->
            o.showIndex(showIndex).followSymlinks(followSymlinks)
        })
    }
}
