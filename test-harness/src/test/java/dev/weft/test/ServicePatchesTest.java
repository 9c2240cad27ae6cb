package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.loop.Loop;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The Java side of service patching, and the fixture undoing a patch when the test ends. */
class ServicePatchesTest {

    @WeftTest
    static class PatchesAndEnds {
        static volatile ServicePatch made;

        @Test
        void patches(ServicePatches patches, Loop loop) {
            made = patches.patch(ClockService.class);
            assertThat(CompletableFuture.supplyAsync(ClockService::new).join().getLoop()).isSameAs(loop);
        }
    }

    @Test
    void a_patch_from_java_applies_until_closed() {
        try (Loop loop = Loop.create(1)) {
            try (ServicePatch patch = ServicePatch.onLoop(ClockService.class, loop)) {
                assertThat(patch.getService()).isEqualTo(ClockService.class);
                assertThat(CompletableFuture.supplyAsync(ClockService::new).join().getLoop()).isSameAs(loop);
            }
            assertThat(CompletableFuture.supplyAsync(ClockService::new).join().getLoop()).isNotSameAs(loop);
        }
    }

    @Test
    void the_fixture_undoes_its_patches_when_the_test_ends() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PatchesAndEnds.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(PatchesAndEnds.made.isActive()).isFalse();
    }
}
