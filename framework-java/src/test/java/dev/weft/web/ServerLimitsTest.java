package dev.weft.web;

import static dev.weft.ConfigValues.onlyChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ConfigValues;
import dev.weft.internal.util.Deprecations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {

    @Test
    void create_gives_the_documented_defaults() {
        ServerLimits limits = ServerLimits.create();
        assertThat(limits.maxRequestLineBytes()).isEqualTo(ServerLimits.DEFAULT_MAX_REQUEST_LINE_BYTES).isEqualTo(4096);
        assertThat(limits.maxHeaderBytes()).isEqualTo(ServerLimits.DEFAULT_MAX_HEADER_BYTES).isEqualTo(8192);
        assertThat(limits.maxHeaderCount()).isEqualTo(ServerLimits.DEFAULT_MAX_HEADER_COUNT).isEqualTo(128);
        assertThat(limits.maxChunkBytes()).isEqualTo(ServerLimits.DEFAULT_MAX_CHUNK_BYTES);
        assertThat(limits.keepAliveTimeout()).isEqualTo(ServerLimits.DEFAULT_KEEP_ALIVE_TIMEOUT)
                .isEqualTo(Duration.ofSeconds(75));
        assertThat(limits.headerTimeout()).isEqualTo(ServerLimits.DEFAULT_HEADER_TIMEOUT);
        assertThat(limits.bodyIdleTimeout()).isEqualTo(ServerLimits.DEFAULT_BODY_IDLE_TIMEOUT);
        assertThat(ServerLimits.builder().build()).isEqualTo(limits);
        assertThat(ServerLimits.create(b -> { })).isEqualTo(limits);
    }

    @Test
    void every_setting_has_a_wither_and_a_builder_method_of_the_same_name() {
        ConfigValues.everySettingHasAWitherAndABuilderMethod(ServerLimits.class, ServerLimits.Builder.class);
    }

    @Test
    void each_wither_changes_only_its_setting() {
        ServerLimits d = ServerLimits.create();
        onlyChanged(d, d.withMaxRequestLineBytes(100), "maxRequestLineBytes");
        onlyChanged(d, d.withMaxHeaderBytes(16384), "maxHeaderBytes");
        onlyChanged(d, d.withMaxHeaderCount(7), "maxHeaderCount");
        onlyChanged(d, d.withMaxChunkBytes(1024), "maxChunkBytes");
        onlyChanged(d, d.withKeepAliveTimeout(Duration.ofSeconds(1)), "keepAliveTimeout");
        onlyChanged(d, d.withHeaderTimeout(Duration.ofSeconds(2)), "headerTimeout");
        onlyChanged(d, d.withBodyIdleTimeout(Duration.ofSeconds(3)), "bodyIdleTimeout");
        assertThat(d.withMaxHeaderBytes(16384).maxHeaderBytes()).isEqualTo(16384);
    }

    @Test
    void the_builder_sets_what_the_withers_set() {
        ServerLimits built = ServerLimits.create(b -> b.maxRequestLineBytes(100).maxHeaderBytes(200).maxHeaderCount(3)
                .maxChunkBytes(400).keepAliveTimeout(Duration.ofSeconds(5)).headerTimeout(Duration.ofSeconds(6))
                .bodyIdleTimeout(Duration.ofSeconds(7)));
        ServerLimits withered = ServerLimits.create().withMaxRequestLineBytes(100).withMaxHeaderBytes(200)
                .withMaxHeaderCount(3).withMaxChunkBytes(400).withKeepAliveTimeout(Duration.ofSeconds(5))
                .withHeaderTimeout(Duration.ofSeconds(6)).withBodyIdleTimeout(Duration.ofSeconds(7));
        assertThat(built).isEqualTo(withered);
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void a_refused_setting_is_named_in_the_message() {
        ServerLimits d = ServerLimits.create();
        assertThatThrownBy(() -> d.withMaxRequestLineBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ServerLimits.maxRequestLineBytes must be positive, got 0");
        assertThatThrownBy(() -> d.withMaxHeaderBytes(-1)).hasMessageContaining("ServerLimits.maxHeaderBytes");
        assertThatThrownBy(() -> d.withMaxHeaderCount(0)).hasMessageContaining("ServerLimits.maxHeaderCount");
        assertThatThrownBy(() -> d.withMaxChunkBytes(0)).hasMessageContaining("ServerLimits.maxChunkBytes");
        assertThatThrownBy(() -> d.withKeepAliveTimeout(Duration.ZERO))
                .hasMessageContaining("ServerLimits.keepAliveTimeout");
        assertThatThrownBy(() -> ServerLimits.create(b -> b.headerTimeout(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ServerLimits.headerTimeout");
        assertThatThrownBy(() -> ServerLimits.create(b -> b.bodyIdleTimeout(null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ServerLimits.bodyIdleTimeout");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_defaults_and_short_constructor_still_work_and_warn_once() {
        assertThat(ServerLimits.defaults()).isEqualTo(ServerLimits.create());
        assertThat(Deprecations.warnOnce("ServerLimits.defaults()", "ServerLimits.create()")).isFalse();

        ServerLimits shortForm = new ServerLimits(100, 200, 3, 400, Duration.ofSeconds(5));
        assertThat(shortForm).isEqualTo(ServerLimits.create(b -> b.maxRequestLineBytes(100).maxHeaderBytes(200)
                .maxHeaderCount(3).maxChunkBytes(400).keepAliveTimeout(Duration.ofSeconds(5))));
        assertThat(Deprecations.warnOnce("new ServerLimits(int, int, int, int, Duration)", "x")).isFalse();
    }
}
