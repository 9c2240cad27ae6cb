package dev.weft.kotlin

import dev.weft.loop.Loop
import java.util.concurrent.RejectedExecutionException
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel

/**
 * This loop as a coroutine dispatcher: coroutines started with it run on the loop's threads, so
 * [Loop.current] inside them is this loop.
 *
 * ```kotlin
 * withContext(loop.dispatcher) { check(Loop.current() === loop) }
 * ```
 *
 * A coroutine that resumes while already on one of this loop's threads continues there without a new task
 * ([CoroutineDispatcher.isDispatchNeeded] is false), as a Netty handler would; from any other thread it is handed to
 * [Loop.execute]. Dispatchers of the same loop are equal. When the loop is closed, a coroutine that still wants to run
 * on it is cancelled and finishes its cancellation on [Dispatchers.IO], as kotlinx-coroutines does for a closed
 * executor.
 */
fun Loop.asCoroutineDispatcher(): CoroutineDispatcher = LoopDispatcher(this)

/** Shorthand for [asCoroutineDispatcher]: `launch(loop.dispatcher) { ... }`. */
val Loop.dispatcher: CoroutineDispatcher
    get() = LoopDispatcher(this)

private class LoopDispatcher(private val loop: Loop) : CoroutineDispatcher() {

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !loop.inLoop()

    override fun dispatch(context: CoroutineContext, block: Runnable) = dispatchOn(loop, loop, context, block)

    override fun equals(other: Any?): Boolean = other is LoopDispatcher && other.loop === loop

    override fun hashCode(): Int = System.identityHashCode(loop)

    override fun toString(): String = "LoopDispatcher($loop)"
}

/**
 * Runs [block] on [executor] (a thread of [loop], or the loop itself). When the loop is closed, the coroutine is
 * cancelled and finishes its cancellation on [Dispatchers.IO], as kotlinx-coroutines does for a closed executor.
 */
internal fun dispatchOn(loop: Loop, executor: java.util.concurrent.Executor, context: CoroutineContext, block: Runnable) {
    try {
        executor.execute(block)
    } catch (e: RejectedExecutionException) {
        context.cancel(kotlinx.coroutines.CancellationException("$loop is closed", e))
        Dispatchers.IO.dispatch(context, block)
    }
}
