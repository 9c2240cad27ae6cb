package dev.weft.web.ws;

import static dev.weft.ConfigValues.onlyChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ConfigValues;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsOptionsTest {

    @Test
    void create_gives_the_documented_defaults() {
        WsOptions o = WsOptions.create();
        assertThat(o.protocols()).isEmpty();
        assertThat(o.maxMessageBytes()).isEqualTo(WsOptions.DEFAULT_MAX_MESSAGE_BYTES).isEqualTo(4 * 1024 * 1024);
        assertThat(o.heartbeat()).isEqualTo(WsOptions.DEFAULT_HEARTBEAT).isZero();
        assertThat(o.heartbeatOn()).isFalse();
        assertThat(o.autoping()).isEqualTo(WsOptions.DEFAULT_AUTOPING).isTrue();
        assertThat(o.autoclose()).isEqualTo(WsOptions.DEFAULT_AUTOCLOSE).isTrue();
        assertThat(o.closeTimeout()).isEqualTo(WsOptions.DEFAULT_CLOSE_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.compress()).isEqualTo(WsOptions.DEFAULT_COMPRESS).isTrue();
        assertThat(o.allowedOrigins()).isEmpty();
        assertThat(WsOptions.builder().build()).isEqualTo(o);
    }

    @Test
    void every_setting_has_a_wither_and_a_builder_method_of_the_same_name() {
        ConfigValues.everySettingHasAWitherAndABuilderMethod(WsOptions.class, WsOptions.Builder.class);
    }

    @Test
    void each_wither_changes_only_its_setting() {
        WsOptions d = WsOptions.create();
        onlyChanged(d, d.withProtocols("chat"), "protocols");
        onlyChanged(d, d.withMaxMessageBytes(1024), "maxMessageBytes");
        onlyChanged(d, d.withHeartbeat(Duration.ofSeconds(30)), "heartbeat");
        onlyChanged(d, d.withAutoping(false), "autoping");
        onlyChanged(d, d.withAutoclose(false), "autoclose");
        onlyChanged(d, d.withCloseTimeout(Duration.ofSeconds(1)), "closeTimeout");
        onlyChanged(d, d.withCompress(false), "compress");
        onlyChanged(d, d.withAllowedOrigins("https://a.example"), "allowedOrigins");
        assertThat(d.withProtocols("a", "b").protocols()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void the_builder_sets_what_the_withers_set() {
        WsOptions built = WsOptions.create(o -> o.protocols("chat").maxMessageBytes(10).heartbeat(Duration.ofSeconds(1))
                .autoping(false).autoclose(false).closeTimeout(Duration.ofSeconds(2)).compress(false)
                .allowedOrigins("https://a.example"));
        WsOptions withered = WsOptions.create().withProtocols("chat").withMaxMessageBytes(10)
                .withHeartbeat(Duration.ofSeconds(1)).withAutoping(false).withAutoclose(false)
                .withCloseTimeout(Duration.ofSeconds(2)).withCompress(false).withAllowedOrigins("https://a.example");
        assertThat(built).isEqualTo(withered);
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void a_refused_setting_is_named_in_the_message() {
        WsOptions d = WsOptions.create();
        assertThatThrownBy(() -> d.withMaxMessageBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WsOptions.maxMessageBytes must be positive, got 0");
        assertThatThrownBy(() -> d.withHeartbeat(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WsOptions.heartbeat");
        assertThatThrownBy(() -> d.withCloseTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WsOptions.closeTimeout");
        assertThatThrownBy(() -> d.withProtocols("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WsOptions.protocols");
        assertThatThrownBy(() -> WsOptions.create(o -> o.heartbeat(null))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("WsOptions.heartbeat");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_close_timeout_in_seconds_still_matches_the_duration() {
        assertThat(Duration.ofSeconds(WsOptions.DEFAULT_CLOSE_TIMEOUT_SECONDS))
                .isEqualTo(WsOptions.DEFAULT_CLOSE_TIMEOUT);
    }
}
