package dev.weft.client;

import static dev.weft.ConfigValues.onlyChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ConfigValues;
import org.junit.jupiter.api.Test;

class ClientLimitsTest {

    @Test
    void create_gives_the_documented_defaults() {
        ClientLimits l = ClientLimits.create();
        assertThat(l.maxStatusLineBytes()).isEqualTo(ClientLimits.DEFAULT_MAX_STATUS_LINE_BYTES).isEqualTo(8190);
        assertThat(l.maxHeaderBytes()).isEqualTo(ClientLimits.DEFAULT_MAX_HEADER_BYTES);
        assertThat(l.maxBodyBytes()).isEqualTo(ClientLimits.DEFAULT_MAX_BODY_BYTES).isEqualTo(64L << 20);
        assertThat(ClientLimits.builder().build()).isEqualTo(l);
    }

    @Test
    void every_setting_has_a_wither_and_a_builder_method_of_the_same_name() {
        ConfigValues.everySettingHasAWitherAndABuilderMethod(ClientLimits.class, ClientLimits.Builder.class);
    }

    @Test
    void each_wither_changes_only_its_setting() {
        ClientLimits d = ClientLimits.create();
        onlyChanged(d, d.withMaxStatusLineBytes(100), "maxStatusLineBytes");
        onlyChanged(d, d.withMaxHeaderBytes(1000), "maxHeaderBytes");
        onlyChanged(d, d.withMaxBodyBytes(0), "maxBodyBytes");
    }

    @Test
    void the_builder_sets_what_the_withers_set() {
        ClientLimits built = ClientLimits.create(l -> l.maxStatusLineBytes(100).maxHeaderBytes(1000).maxBodyBytes(5));
        ClientLimits withered = ClientLimits.create().withMaxStatusLineBytes(100).withMaxHeaderBytes(1000)
                .withMaxBodyBytes(5);
        assertThat(built).isEqualTo(withered);
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void a_refused_setting_is_named_in_the_message() {
        ClientLimits d = ClientLimits.create();
        assertThatThrownBy(() -> d.withMaxStatusLineBytes(63)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ClientLimits.maxStatusLineBytes must be at least 64, got 63");
        assertThatThrownBy(() -> d.withMaxHeaderBytes(255)).hasMessageContaining("ClientLimits.maxHeaderBytes");
        assertThatThrownBy(() -> d.withMaxBodyBytes(-1)).hasMessageContaining("ClientLimits.maxBodyBytes");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_default_constant_still_holds_the_defaults() {
        assertThat(ClientLimits.DEFAULT).isEqualTo(ClientLimits.create());
    }
}
