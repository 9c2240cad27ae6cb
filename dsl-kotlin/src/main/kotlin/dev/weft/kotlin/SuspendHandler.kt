package dev.weft.kotlin

import dev.weft.web.Handler
import dev.weft.web.Reply
import dev.weft.web.Request
import java.util.concurrent.CompletableFuture
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.async

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
 * - **No suspension, no cost:** the coroutine starts undispatched, in the server's call. A [block] that returns
 *   without suspending is answered with its reply as it is (a [dev.weft.web.Response] stays a `Response`): no
 *   dispatch, no future.
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
 * Each call is a root coroutine: one request's failure or cancellation touches no other. The returned handler is
 * stateless and may be shared by routes and applications.
 */
fun suspendHandler(block: suspend (Request) -> Reply): Handler = SuspendHandler(block)

private class SuspendHandler(private val block: suspend (Request) -> Reply) : Handler {

    @OptIn(ExperimentalCoroutinesApi::class)
    override fun handle(request: Request): Reply {
        val call = LoopThreadScopes.of(request.loop()).async(start = CoroutineStart.UNDISPATCHED) { block(request) }
        if (call.isCompleted) {
            // getCompletionExceptionOrNull gives the exception as thrown (await() could give a copy of it).
            val error = call.getCompletionExceptionOrNull()
            return if (error == null) call.getCompleted() else Reply.failed(error)
        }
        return Reply.async(call.completion())
    }

    override fun toString(): String = "suspendHandler($block)"
}

/**
 * A future the coroutine completes with its reply or failure; cancelling the future (as the server cancels a reply)
 * cancels the coroutine.
 */
@OptIn(ExperimentalCoroutinesApi::class)
private fun Deferred<Reply>.completion(): CompletableFuture<Reply> {
    val future = CompletableFuture<Reply>()
    invokeOnCompletion { cause ->
        if (cause == null) future.complete(getCompleted()) else future.completeExceptionally(cause)
    }
    future.whenComplete { _, error ->
        if (error != null && !isCompleted) {
            cancel(CancellationException("the reply was cancelled", error))
        }
    }
    return future
}
