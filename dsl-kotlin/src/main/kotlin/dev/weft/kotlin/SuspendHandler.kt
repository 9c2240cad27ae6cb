package dev.weft.kotlin

import dev.weft.web.Handler
import dev.weft.web.Reply
import dev.weft.web.Request
import java.util.concurrent.CompletableFuture
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.Job

/**
 * A Weft [Handler] whose work is a suspend function: [block] runs as a coroutine on the loop thread that handles the
 * request, so [dev.weft.loop.Loop.current] inside it is the server's loop, before and after any suspension.
 *
 * ```kotlin
 * app.routes().post("/echo", suspendHandler { req -> Response.text(req.text().await()) })
 * ```
 *
 * The [routes] DSL wraps each of its handlers with this; call it directly to hand a suspend function to the Java API.
 *
 * - **No suspension, no cost:** the coroutine starts in the server's call, on its thread. A [block] that returns
 *   without suspending is answered with its reply as it is (a [dev.weft.web.Response] stays a `Response`): no job,
 *   no dispatch, no future.
 * - **Suspended:** the handler returns [Reply.async] of a future that the coroutine completes. Any suspending call
 *   works: `delay`, `withContext(Dispatchers.IO)`, and `await()` on Weft's stages (`req.text().await()`, a
 *   `ClientSession` request) from `kotlinx.coroutines.future`. The coroutine resumes on the same loop thread.
 * - **Errors:** a thrown [dev.weft.web.HttpException] is answered with its status, as in a Java handler; any other
 *   exception with 500 (and is logged by the server); a [CancellationException] (including `withTimeout`'s) with 503,
 *   as the server answers a cancelled handler.
 * - **Cancellation:** when the server cancels the reply (its client disconnected and the server cancels on
 *   disconnect, or a graceful stop ran out of time), the coroutine is cancelled: its suspended call throws
 *   [CancellationException] and its `finally` blocks run.
 *
 * Each call is a root coroutine: one request's failure or cancellation touches no other. The reply is sent when
 * [block] returns; coroutines it launched into its own scope and left running (`coroutineScope { }` waits for its
 * children, a bare `launch` does not) are not awaited, as a task an aiohttp handler creates is not. The returned
 * handler is stateless and may be shared by routes and applications.
 */
fun suspendHandler(block: suspend (Request) -> Reply): Handler = SuspendHandler(block)

private class SuspendHandler(private val block: suspend (Request) -> Reply) : Handler {

    override fun handle(request: Request): Reply {
        val call = HandlerCall(LoopThreadScopes.of(request.loop()).coroutineContext)
        val result = try {
            block.startCoroutineUninterceptedOrReturn(request, call)
        } catch (e: Throwable) {
            call.finished()
            return Reply.failed(e) // thrown before its first suspension
        }
        if (result !== COROUTINE_SUSPENDED) {
            call.finished()
            @Suppress("UNCHECKED_CAST")
            return result as Reply // no suspension: no job, no future, no dispatch
        }
        return Reply.async(call.future())
    }

    override fun toString(): String = "suspendHandler($block)"
}

/**
 * The completion of one handler call, and its coroutine context. The context is this object rather than `base + Job()`
 * because the handler's continuation captures its completion's context when it is made, before it runs: a plain
 * context would make a [Job] for every call, suspended or not. Here the [Job] is made the first time something asks
 * the context for it, which a suspension point does (to be cancellable) before it suspends, on the loop thread, and a
 * handler that never suspends does not do: such a call costs this object and the handler's own continuation.
 */
private class HandlerCall(private val base: CoroutineContext) : Continuation<Reply>, CoroutineContext {
    /** What the reply waits on: made only for a call that suspends, by whichever of two threads gets here first. */
    @Volatile private var future: CompletableFuture<Reply>? = null
    @Volatile private var job: CompletableJob? = null
    @Volatile private var whole: CoroutineContext? = null

    override val context: CoroutineContext
        get() = this

    /**
     * The call's future. Made lazily, but possibly from two threads at once: the coroutine may resume on another
     * thread (and complete it) before the handler's thread has returned its reply.
     */
    fun future(): CompletableFuture<Reply> =
        future ?: synchronized(this) { future ?: CompletableFuture<Reply>().also { future = it } }

    private fun job(): CompletableJob = job ?: Job().also { made ->
        job = made
        // Cancelling the reply (client gone, graceful stop out of time) cancels the coroutine.
        future().whenComplete { _, error ->
            if (error != null) made.cancel(CancellationException("the reply was cancelled", error))
        }
    }

    /** The context as an ordinary one, with the job: for whatever combines or walks it. */
    private fun whole(): CoroutineContext = whole ?: (base + job()).also { whole = it }

    @Suppress("UNCHECKED_CAST")
    override fun <E : CoroutineContext.Element> get(key: CoroutineContext.Key<E>): E? =
        if (key === Job) job() as E else base[key]

    override fun <R> fold(initial: R, operation: (R, CoroutineContext.Element) -> R): R = whole().fold(initial, operation)

    override fun plus(context: CoroutineContext): CoroutineContext = whole().plus(context)

    override fun minusKey(key: CoroutineContext.Key<*>): CoroutineContext =
        if (key === Job) base.minusKey(key) else whole().minusKey(key)

    /** The handler returned (or threw): its job, if one was made, is done. */
    fun finished() {
        job?.complete()
    }

    override fun resumeWith(result: Result<Reply>) {
        finished()
        val f = future()
        result.fold(f::complete, f::completeExceptionally)
    }

    override fun toString(): String = "HandlerCall(${whole ?: base})"
}
