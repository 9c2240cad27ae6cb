package dev.weft.kotlin

import dev.weft.loop.Loop
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test

class LoopDispatcherTest {
    private val loop = Loop.create(2)

    @AfterEach
    fun closeLoop() {
        loop.close()
    }

    @Test
    fun `a coroutine on the dispatcher runs on a loop thread and sees that loop as current`() = runBlocking<Unit> {
        val seen = withContext(loop.dispatcher) { Triple(loop.inLoop(), Loop.current(), Thread.currentThread().name) }

        assertThat(seen.first).isTrue()
        assertThat(seen.second).isSameAs(loop)
        assertThat(seen.third).startsWith("weft-loop-")
    }

    @Test
    fun `a coroutine comes back to the loop after suspending elsewhere`() = runBlocking<Unit> {
        val afterIo = withContext(loop.dispatcher) {
            withContext(Dispatchers.IO) { check(!loop.inLoop()) }
            Loop.current()
        }

        assertThat(afterIo).isSameAs(loop)
    }

    @Test
    fun `many coroutines all run on the loop`() = runBlocking<Unit> {
        val results = (1..100).map { async(loop.dispatcher) { loop.inLoop() && Loop.current() === loop } }.awaitAll()

        assertThat(results).containsOnly(true)
    }

    @Test
    fun `no dispatch is needed on the loop and one is needed off it`() {
        val dispatcher = loop.dispatcher
        val onLoop = CompletableFuture<Boolean>()
        loop.execute { onLoop.complete(dispatcher.isDispatchNeeded(kotlin.coroutines.EmptyCoroutineContext)) }

        assertThat(onLoop.get(5, TimeUnit.SECONDS)).isFalse()
        assertThat(dispatcher.isDispatchNeeded(kotlin.coroutines.EmptyCoroutineContext)).isTrue()
    }

    @Test
    fun `a coroutine started on a loop thread begins there at once`() {
        val order = CompletableFuture<List<String>>()
        loop.execute {
            val steps = mutableListOf<String>()
            CoroutineScope(loop.dispatcher).launch(start = CoroutineStart.DEFAULT) { steps += "coroutine" }
            steps += "caller"
            order.complete(steps)
        }

        assertThat(order.get(5, TimeUnit.SECONDS)).containsExactly("coroutine", "caller")
    }

    @Test
    fun `dispatchers of the same loop are equal and of different loops are not`() {
        Loop.create(1).use { other ->
            assertThat(loop.dispatcher).isEqualTo(loop.asCoroutineDispatcher())
            assertThat(loop.dispatcher.hashCode()).isEqualTo(loop.asCoroutineDispatcher().hashCode())
            assertThat(loop.dispatcher).isNotEqualTo(other.dispatcher)
        }
    }

    @Test
    fun `timeouts work on the loop`() = runBlocking<Unit> {
        val result = withContext(loop.dispatcher) {
            runCatching { withTimeout(20) { kotlinx.coroutines.awaitCancellation() } }
        }

        assertThat(result.exceptionOrNull()).isInstanceOf(kotlinx.coroutines.TimeoutCancellationException::class.java)
    }

    @Test
    fun `a coroutine sent to a closed loop is cancelled instead of lost`() = runBlocking<Unit> {
        val closed = Loop.create(1)
        closed.close()
        var ran = false

        val job = launch(closed.dispatcher) { ran = true }
        job.join()

        assertThat(job.isCancelled).isTrue()
        assertThat(ran).isFalse()
    }
}
