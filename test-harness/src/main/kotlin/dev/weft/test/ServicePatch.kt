package dev.weft.test

import dev.weft.loop.ImplicitLoop
import dev.weft.loop.Loop
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A service class patched onto a test's loop: while the patch is active, code of the service class
 * (its constructors, methods and lambdas, and whatever they call) sees [loop] as [Loop.current], on any thread. So
 * every instance constructed meanwhile behaves as one built with the test's loop, as patching the class in aiohttp
 * with a side effect that re-creates it with `loop=loop` does; the service's source stays as it is.
 *
 * ```java
 * try (ServicePatch patch = ServicePatch.onLoop(SearchService.class, loop)) {
 *     // a handler's `new SearchService()` (which calls Loop.current()) now runs on `loop`
 * }
 * ```
 *
 * In Kotlin: `patchService<SearchService>(loop).use { ... }`. In a [WeftTest], take a [ServicePatches] parameter
 * instead: its patches are undone at the end of the test.
 *
 * Code outside the class is not affected, nor is an instance's own loop once chosen. The patches steer
 * `Loop.current()` through one [ImplicitLoop.Resolver] installed for the whole JVM while any is active (it walks the
 * calling stack for a patched class), so tests that patch the same service class with different loops must not run
 * in parallel. Any thread may open and [close] a patch.
 */
class ServicePatch private constructor(
    /** The service class patched (subclasses too). */
    val service: Class<*>,
    /** The loop its code sees as the implicit one. */
    val loop: Loop,
) : AutoCloseable {
    @Volatile
    private var active = true

    /** Whether [close] has not been called yet. */
    fun isActive(): Boolean = active

    /** Undoes the patch; the last one closed removes the resolver of `Loop.current()`. Idempotent. */
    override fun close() {
        if (active) {
            active = false
            Patches.remove(this)
        }
    }

    override fun toString(): String = "ServicePatch[${service.name} on $loop${if (active) "" else ", closed"}]"

    companion object {
        /** Patches [service] onto [loop] until the returned patch is closed. */
        @JvmStatic
        fun onLoop(service: Class<*>, loop: Loop): ServicePatch {
            val patch = ServicePatch(service, loop)
            Patches.add(patch)
            return patch
        }
    }
}

/** Patches [S] onto [loop] until the returned patch is closed (see [ServicePatch]). */
inline fun <reified S : Any> patchService(loop: Loop): ServicePatch = ServicePatch.onLoop(S::class.java, loop)

/** Runs [block] with [S] patched onto [loop], and undoes the patch after it, also when it fails. */
inline fun <reified S : Any, T> withPatchedService(loop: Loop, block: () -> T): T =
    patchService<S>(loop).use { block() }

/** Patches [S] onto the test's loop until the end of the test. */
inline fun <reified S : Any> ServicePatches.patch(): ServicePatch = patch(S::class.java)

/** The active patches and the one resolver of `Loop.current()` they share. */
internal object Patches {
    private val active = CopyOnWriteArrayList<ServicePatch>()
    private val walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
    private var resolver: ImplicitLoop.Registration? = null

    @Synchronized
    fun add(patch: ServicePatch) {
        if (active.isEmpty()) {
            resolver = ImplicitLoop.install { loopOfCaller() }
        }
        active.add(patch)
    }

    @Synchronized
    fun remove(patch: ServicePatch) {
        active.remove(patch)
        if (active.isEmpty()) {
            resolver?.close()
            resolver = null
        }
    }

    /** The loop of the innermost patched class on the calling stack, if any; the latest patch wins. */
    private fun loopOfCaller(): Loop? {
        if (active.isEmpty()) {
            return null
        }
        return walker.walk { frames ->
            frames.map { frame -> active.lastOrNull { it.service.isAssignableFrom(frame.declaringClass) } }
                .filter { it != null }
                .findFirst()
                .orElse(null)
        }?.loop
    }
}
