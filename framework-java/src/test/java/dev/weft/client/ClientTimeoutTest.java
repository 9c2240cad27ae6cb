package dev.weft.client;

import static dev.weft.ConfigValues.onlyChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ConfigValues;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientTimeoutTest {

    @Test
    void create_gives_a_total_limit_and_nothing_else() {
        ClientTimeout t = ClientTimeout.create();
        assertThat(t.total()).isEqualTo(ClientTimeout.DEFAULT_TOTAL).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.connect()).isNull();
        assertThat(t.sockRead()).isNull();
        assertThat(ClientTimeout.builder().build()).isEqualTo(t);
        assertThat(ClientTimeout.NONE).isEqualTo(new ClientTimeout(null, null, null));
        assertThat(ClientTimeout.ofTotal(Duration.ofSeconds(1))).isEqualTo(t.withTotal(Duration.ofSeconds(1)));
    }

    @Test
    void every_setting_has_a_wither_and_a_builder_method_of_the_same_name() {
        ConfigValues.everySettingHasAWitherAndABuilderMethod(ClientTimeout.class, ClientTimeout.Builder.class);
    }

    @Test
    void each_wither_changes_only_its_setting() {
        ClientTimeout d = ClientTimeout.create();
        onlyChanged(d, d.withTotal(null), "total");
        onlyChanged(d, d.withConnect(Duration.ofSeconds(1)), "connect");
        onlyChanged(d, d.withSockRead(Duration.ofSeconds(2)), "sockRead");
    }

    @Test
    void the_builder_sets_what_the_withers_set() {
        ClientTimeout built = ClientTimeout.create(t -> t.total(null).connect(Duration.ofSeconds(1))
                .sockRead(Duration.ofSeconds(2)));
        ClientTimeout withered = ClientTimeout.NONE.withConnect(Duration.ofSeconds(1))
                .withSockRead(Duration.ofSeconds(2));
        assertThat(built).isEqualTo(withered);
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void a_refused_setting_is_named_in_the_message() {
        ClientTimeout d = ClientTimeout.create();
        assertThatThrownBy(() -> d.withTotal(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ClientTimeout.total must be positive or null (no limit), got PT0S");
        assertThatThrownBy(() -> d.withConnect(Duration.ofSeconds(-1))).hasMessageContaining("ClientTimeout.connect");
        assertThatThrownBy(() -> d.withSockRead(Duration.ZERO)).hasMessageContaining("ClientTimeout.sockRead");
    }

    @Test
    @SuppressWarnings("deprecation")
    void the_deprecated_default_constant_still_holds_the_default() {
        assertThat(ClientTimeout.DEFAULT).isEqualTo(ClientTimeout.create());
    }
}
