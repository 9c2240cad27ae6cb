package dev.weft.web;

import static dev.weft.ConfigValues.onlyChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ConfigValues;
import dev.weft.internal.util.Deprecations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void create_gives_the_documented_defaults() {
        ServerConfig c = ServerConfig.create();
        assertThat(c.limits()).isEqualTo(ServerLimits.create());
        assertThat(c.shutdownGrace()).isEqualTo(ServerConfig.DEFAULT_SHUTDOWN_GRACE).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.backlog()).isEqualTo(ServerConfig.DEFAULT_BACKLOG).isEqualTo(128);
        assertThat(c.accessLog()).isEqualTo(AccessLog.defaults());
        assertThat(c.cancelOnDisconnect()).isEqualTo(ServerConfig.DEFAULT_CANCEL_ON_DISCONNECT).isFalse();
        assertThat(c.serverHeader()).isEqualTo(ServerConfig.DEFAULT_SERVER_HEADER);
        assertThat(ServerConfig.builder().build()).isEqualTo(c);
    }

    @Test
    void every_setting_has_a_wither_and_a_builder_method_of_the_same_name() {
        ConfigValues.everySettingHasAWitherAndABuilderMethod(ServerConfig.class, ServerConfig.Builder.class);
    }

    @Test
    void each_wither_changes_only_its_setting() {
        ServerConfig d = ServerConfig.create();
        onlyChanged(d, d.withLimits(ServerLimits.create().withMaxHeaderCount(3)), "limits");
        onlyChanged(d, d.withShutdownGrace(Duration.ofSeconds(1)), "shutdownGrace");
        onlyChanged(d, d.withBacklog(5), "backlog");
        onlyChanged(d, d.withAccessLog(AccessLog.off()), "accessLog");
        onlyChanged(d, d.withCancelOnDisconnect(true), "cancelOnDisconnect");
        onlyChanged(d, d.withServerHeader(""), "serverHeader");
    }

    @Test
    void the_builder_sets_what_the_withers_set() {
        ServerConfig built = ServerConfig.create(c -> c.shutdownGrace(Duration.ZERO).backlog(5)
                .accessLog(AccessLog.off()).cancelOnDisconnect(true).serverHeader("x")
                .keepAliveTimeout(Duration.ofSeconds(2)));
        ServerConfig withered = ServerConfig.create().withShutdownGrace(Duration.ZERO).withBacklog(5)
                .withAccessLog(AccessLog.off()).withCancelOnDisconnect(true).withServerHeader("x")
                .withLimits(ServerLimits.create().withKeepAliveTimeout(Duration.ofSeconds(2)));
        assertThat(built).isEqualTo(withered);
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void a_refused_setting_is_named_in_the_message() {
        ServerConfig d = ServerConfig.create();
        assertThatThrownBy(() -> d.withBacklog(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ServerConfig.backlog must be positive, got 0");
        assertThatThrownBy(() -> d.withShutdownGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ServerConfig.shutdownGrace");
        assertThatThrownBy(() -> d.withServerHeader("a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ServerConfig.serverHeader");
        assertThatThrownBy(() -> d.withLimits(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ServerConfig.limits");
        assertThatThrownBy(() -> d.withAccessLog(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ServerConfig.accessLog");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_defaults_still_work_and_warn_once() {
        assertThat(ServerConfig.defaults()).isEqualTo(ServerConfig.create());
        assertThat(Deprecations.warnOnce("ServerConfig.defaults()", "ServerConfig.create()")).isFalse();
    }
}
