package dev.weft.test

import dev.weft.loop.Loop
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executors

/** A service that takes its loop from the implicit one, as user code deep in an app does. */
class ClockService {
    val loop: Loop = Loop.current()

    fun loopNow(): Loop = Loop.current()
}

/** Another, to show a patch is per class. */
class OtherService {
    val loop: Loop = Loop.current()
}

@WeftTest
class ServicePatchTest {
    private val pool = Executors.newSingleThreadExecutor()

    @AfterEach
    fun stopPool() {
        pool.shutdown()
    }

    /** Builds on a plain thread, where no test loop is implicit: the process-wide default loop is. */
    private fun <T> onPlainThread(make: () -> T): T = CompletableFuture.supplyAsync(make, pool).join()

    @Test
    fun `a patched service built anywhere runs on the test loop`(loop: Loop) {
        patchService<ClockService>(loop).use {
            val service = onPlainThread { ClockService() }
            assertThat(service.loop).isSameAs(loop)
            assertThat(onPlainThread { service.loopNow() }).isSameAs(loop)
        }
    }

    @Test
    fun `an unpatched service does not use the test loop`(loop: Loop) {
        assertThat(onPlainThread { ClockService() }.loop).isNotSameAs(loop)
    }

    @Test
    fun `a patch is per class and undone when closed`(loop: Loop) {
        val patch = patchService<ClockService>(loop)
        assertThat(onPlainThread { OtherService() }.loop).isNotSameAs(loop)
        assertThat(Loop.current()).isNotSameAs(loop) // the test's own code is not the service's
        patch.close()
        assertThat(patch.isActive()).isFalse()
        assertThat(onPlainThread { ClockService() }.loop).isNotSameAs(loop)
    }

    @Test
    fun `the fixture undoes its patches at the end of the test`(loop: Loop, patches: ServicePatches) {
        val patch = patches.patch<ClockService>()
        assertThat(onPlainThread { ClockService() }.loop).isSameAs(loop)
        assertThat(patch.isActive()).isTrue()
    }

    @Test
    fun `withPatchedService restores the class after its block`(loop: Loop) {
        val inside = withPatchedService<ClockService, Loop>(loop) { onPlainThread { ClockService() }.loop }
        assertThat(inside).isSameAs(loop)
        assertThat(onPlainThread { ClockService() }.loop).isNotSameAs(loop)
    }
}
