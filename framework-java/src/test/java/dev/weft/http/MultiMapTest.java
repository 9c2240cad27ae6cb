package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiMapTest {

    @Test
    void keeps_every_value_of_a_name_in_order() {
        MultiMap m = MultiMap.builder().add("a", "1").add("b", "2").add("a", "3").build();
        assertThat(m.getAll("a")).containsExactly("1", "3");
        assertThat(m.get("a")).isEqualTo("1");
        assertThat(m.names()).containsExactly("a", "b");
        assertThat(m.size()).isEqualTo(2);
    }

    @Test
    void absent_names_give_null_a_fallback_or_an_empty_list() {
        MultiMap m = MultiMap.builder().add("a", "1").build();
        assertThat(m.get("x")).isNull();
        assertThat(m.get("x", "fallback")).isEqualTo("fallback");
        assertThat(m.getAll("x")).isEmpty();
        assertThat(m.contains("a")).isTrue();
        assertThat(m.contains("x")).isFalse();
    }

    @Test
    void names_are_case_sensitive() {
        MultiMap m = MultiMap.builder().add("Name", "1").build();
        assertThat(m.get("name")).isNull();
    }

    @Test
    void a_built_map_cannot_be_changed_from_outside() {
        MultiMap.Builder b = MultiMap.builder().add("a", "1");
        MultiMap m = b.build();
        b.add("a", "2").add("c", "3");
        assertThat(m.getAll("a")).containsExactly("1");
        assertThat(m.contains("c")).isFalse();
        assertThatThrownBy(() -> m.getAll("a").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.asMap().put("z", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_map_of_single_values_keeps_their_order() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("z", "1");
        in.put("a", "2");
        assertThat(MultiMap.of(in).names()).containsExactly("z", "a");
    }

    @Test
    void maps_with_the_same_values_are_equal() {
        MultiMap a = MultiMap.builder().add("a", "1").add("a", "2").build();
        MultiMap b = MultiMap.builder().add("a", "1").add("a", "2").build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(MultiMap.builder().add("a", "2").add("a", "1").build());
    }

    @Test
    void an_empty_builder_gives_the_empty_map() {
        assertThat(MultiMap.builder().build()).isSameAs(MultiMap.empty());
        assertThat(MultiMap.empty().isEmpty()).isTrue();
    }

    @Test
    void the_builder_counts_values_over_all_names() {
        assertThat(MultiMap.builder().add("a", "1").add("a", "2").add("b", "3").valueCount()).isEqualTo(3);
    }
}
