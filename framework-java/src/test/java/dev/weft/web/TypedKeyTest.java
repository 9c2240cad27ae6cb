package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedKeyTest {

    @Test
    void app_and_request_keys_are_distinct_final_kinds_of_one_sealed_base() {
        assertThat(TypedKey.class.isSealed()).isTrue();
        assertThat(TypedKey.class.getPermittedSubclasses()).containsExactlyInAnyOrder(AppKey.class, RequestKey.class);
        assertThat(Modifier.isFinal(AppKey.class.getModifiers())).isTrue();
        assertThat(Modifier.isFinal(RequestKey.class.getModifiers())).isTrue();
        assertThat(RequestKey.class.isAssignableFrom(AppKey.class)).isFalse();
        assertThat(AppKey.class.isAssignableFrom(RequestKey.class)).isFalse();
    }

    @Test
    void keys_compare_by_identity_not_by_name() {
        AppKey<String> a = AppKey.of("name", String.class);
        AppKey<String> alike = AppKey.of("name", String.class);
        assertThat(a).isEqualTo(a).isNotEqualTo(alike);
        assertThat(a.hashCode()).isEqualTo(System.identityHashCode(a));
        TypedKey<String> request = RequestKey.of("name", String.class);
        assertThat(request).isNotEqualTo(a);
    }

    @Test
    void a_key_has_a_debug_name_and_a_type_and_says_its_kind() {
        AppKey<Integer> count = AppKey.of("count", Integer.class);
        RequestKey<List<String>> trail = RequestKey.ofGeneric("trail", List.class);
        assertThat(count.name()).isEqualTo("count");
        assertThat(count.type()).isEqualTo(Integer.class);
        assertThat(trail.type()).isEqualTo(List.class);
        assertThat(count).hasToString("AppKey(count: Integer)");
        assertThat(trail).hasToString("RequestKey(trail: List)");
    }

    @Test
    void cast_passes_values_of_the_key_type_and_null_and_refuses_others_naming_the_key() {
        AppKey<Number> n = AppKey.of("n", Number.class);
        assertThat(n.cast(3)).isEqualTo(3);
        assertThat(n.cast(null)).isNull();
        assertThatThrownBy(() -> n.cast("three")).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("AppKey(n: Number)").hasMessageContaining("java.lang.String");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void an_application_refuses_a_value_of_the_wrong_type_set_through_an_unchecked_call() {
        AppKey raw = AppKey.of("n", Integer.class);
        Application app = Application.create();
        assertThatThrownBy(() -> app.set(raw, "seven")).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("AppKey(n: Integer)");
        AppKey<Integer> n = raw;
        app.set(n, 7);
        assertThat(app.get(n)).isEqualTo(7);
        assertThat(app.remove(n)).isEqualTo(7);
        assertThat(app.get(n)).isNull();
    }
}
