package dev.weft.kotlin

import dev.weft.loop.Loop
import dev.weft.web.AppKey
import dev.weft.web.AppSignal
import dev.weft.web.Application
import dev.weft.web.Middleware
import dev.weft.web.RouteTable
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.future.future

/**
 * A new [Application] configured by [block]: routes, middlewares, lifecycle signals, state and sub-applications.
 *
 * ```kotlin
 * val app = application {
 *     this[GREETING] = "Hello"
 *     middleware { req, next -> next.handle(req).then { res -> res.header("X-Frame-Options", "DENY") } }
 *     onStartup { app -> app.set(CACHE, Cache.warm()) }
 *     routes {
 *         get("/") { Response.text("hello") }
 *     }
 * }
 * ```
 *
 * A thin layer over the Java API: each call here is one call on [ApplicationScope.app], which is also there for
 * anything this DSL leaves out.
 */
fun application(block: ApplicationScope.() -> Unit): Application {
    val app = Application.create()
    ApplicationScope(app).block()
    return app
}

/**
 * The receiver of [application]. Configure from one thread, before the application starts: once it has started,
 * adding a route, middleware, signal or sub-application throws [IllegalStateException], as in the Java API.
 */
@WeftDsl
class ApplicationScope internal constructor(
    /** The application being configured. */
    val app: Application,
) {
    /** Adds routes to the application's own table; see [Routes]. */
    fun routes(block: Routes.() -> Unit) {
        app.routes(block)
    }

    /** Adds every route of [table] (a table made with the top-level [routes], say). */
    fun addRoutes(table: RouteTable) {
        app.addRoutes(table)
    }

    /**
     * Adds a middleware; the first added is the outermost. It is Weft's Java [Middleware], called with a plain
     * lambda: `middleware { req, next -> next.handle(req).then { res -> res.header("X-A", "1") } }`.
     */
    fun middleware(middleware: Middleware) {
        app.use(middleware)
    }

    /** Runs [signal] at startup, on the loop, before the server accepts connections; see [Application.onStartup]. */
    fun onStartup(signal: suspend (Application) -> Unit) {
        app.onStartup(suspendSignal(signal))
    }

    /** Runs [signal] at shutdown, after new connections are refused; see [Application.onShutdown]. */
    fun onShutdown(signal: suspend (Application) -> Unit) {
        app.onShutdown(suspendSignal(signal))
    }

    /** Runs [signal] at cleanup, the last step of a shutdown; see [Application.onCleanup]. */
    fun onCleanup(signal: suspend (Application) -> Unit) {
        app.onCleanup(suspendSignal(signal))
    }

    /** Sets state [key] of the application: `this[DB] = pool`. */
    operator fun <T : Any> set(key: AppKey<T>, value: T) {
        app.set(key, value)
    }

    /** Mounts [subapp] under [prefix] (such as `/admin`); see [Application.addSubapp]. */
    fun subapp(prefix: String, subapp: Application) {
        app.addSubapp(prefix, subapp)
    }
}

/**
 * A lifecycle signal that runs [block] as a coroutine on the calling loop thread, started undispatched; the signal
 * is done when the coroutine is, and fails with its exception.
 */
internal fun suspendSignal(block: suspend (Application) -> Unit): AppSignal = AppSignal { app ->
    LoopThreadScopes.of(Loop.current()).future(start = CoroutineStart.UNDISPATCHED) { block(app) }
}
