package dev.weft.kotlin

import dev.weft.loop.Loop
import java.util.concurrent.Executor
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers

/**
 * The scopes handler and signal coroutines start in: no [kotlinx.coroutines.Job] (each coroutine is a root, so one
 * request's failure cancels nothing else) and a dispatcher bound to the calling loop thread, so that a coroutine
 * resumed from elsewhere (a `delay`, `withContext(Dispatchers.IO)`, a stage completed on another thread) comes back
 * to the thread that owns its connection, not merely to some thread of the same loop: a [dev.weft.web.Request] is
 * used on the loop thread that handles it.
 *
 * One scope per loop thread, kept in a thread-local so that the hot path allocates none (a thread a test loop
 * borrowed from a pool keeps its last scope until it serves another loop). Called off the loop's threads (a mocked
 * request on a test's thread, say), it gives a scope on the loop's own [dispatcher].
 *
 * It finds the calling thread's own executor with [Loop.threadExecutor]: [Loop.execute] from another thread would
 * pick the loop's first thread, not this very one.
 */
internal object LoopThreadScopes {
    private val scopes = ThreadLocal<LoopThreadScope?>()

    /** The scope for coroutines of [loop] started from the calling thread. */
    fun of(loop: Loop): CoroutineScope {
        // Null off the loop's threads. Test loops borrow pooled threads, so a thread may serve another loop later:
        // the cache checks both.
        val executor = loop.threadExecutor() ?: return RootScope(loop.dispatcher)
        val cached = scopes.get()
        if (cached != null && cached.loop === loop && cached.executor === executor) {
            return cached
        }
        val scope = LoopThreadScope(loop, executor, Thread.currentThread())
        scopes.set(scope)
        return scope
    }
}

/** A scope with [context] and no job: coroutines started in it have no parent. */
private class RootScope(context: CoroutineContext) : CoroutineScope {
    override val coroutineContext: CoroutineContext = context
}

/** The scope of one loop thread; see [LoopThreadScopes]. */
private class LoopThreadScope(val loop: Loop, val executor: Executor, thread: Thread) : CoroutineScope {
    override val coroutineContext: CoroutineContext = LoopThreadDispatcher(loop, executor, thread)
}

/**
 * Runs coroutines on one loop thread: in place when already there, else as a task of that thread's event loop. A
 * closed loop cancels the coroutine, which finishes its cancellation on [Dispatchers.IO], as [dispatcher] does.
 */
private class LoopThreadDispatcher(
    private val loop: Loop,
    private val executor: Executor,
    private val thread: Thread,
) : CoroutineDispatcher() {

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = Thread.currentThread() !== thread

    override fun dispatch(context: CoroutineContext, block: Runnable) = dispatchOn(loop, executor, context, block)

    override fun toString(): String = "LoopThreadDispatcher(${thread.name} of $loop)"
}
