package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlCodecTest {

    @Test
    void decoding_a_path_turns_escapes_into_utf8_and_keeps_plus_signs() {
        assertThat(UrlCodec.decodePath("/users/a%20b")).isEqualTo("/users/a b");
        assertThat(UrlCodec.decodePath("/caf%C3%A9/a+b")).isEqualTo("/café/a+b");
        assertThat(UrlCodec.decodePath("/plain")).isEqualTo("/plain");
    }

    @Test
    void decoding_a_query_component_turns_plus_into_a_space() {
        assertThat(UrlCodec.decodeQueryComponent("a+b%2Bc")).isEqualTo("a b+c");
    }

    @Test
    void malformed_escapes_are_refused() {
        assertThatThrownBy(() -> UrlCodec.decodePath("/a%2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> UrlCodec.decodePath("/a%zz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid percent-escape");
        assertThatThrownBy(() -> UrlCodec.decodePath("/a%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapes_that_are_not_utf8_are_refused() {
        assertThatThrownBy(() -> UrlCodec.decodePath("/%C3%28")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> UrlCodec.decodePath("/%FF")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_query_string_parses_into_a_multi_valued_decoded_map() {
        MultiMap q = UrlCodec.parseQuery("a=1&b=x+y&a=2&c=%26%3D&flag&&=empty-name&d=");
        assertThat(q.getAll("a")).containsExactly("1", "2");
        assertThat(q.get("b")).isEqualTo("x y");
        assertThat(q.get("c")).isEqualTo("&=");
        assertThat(q.get("flag")).isEmpty();
        assertThat(q.get("")).isEqualTo("empty-name");
        assertThat(q.get("d")).isEmpty();
        assertThat(q.names()).containsExactly("a", "b", "c", "flag", "", "d");
    }

    @Test
    void an_empty_query_string_is_the_empty_map() {
        assertThat(UrlCodec.parseQuery("")).isSameAs(MultiMap.empty());
        assertThat(UrlCodec.parseQuery("&&")).isEqualTo(MultiMap.empty());
    }

    @Test
    void a_query_with_more_fields_than_allowed_is_refused() {
        assertThat(UrlCodec.parseQuery("a=1&b=2", 2).size()).isEqualTo(2);
        assertThatThrownBy(() -> UrlCodec.parseQuery("a=1&b=2&c=3", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 2 fields");
    }

    @Test
    void a_path_segment_escapes_slash_space_question_mark_hash_percent_and_non_ascii() {
        assertThat(UrlCodec.encodePathSegment("a/b c?d#e%f")).isEqualTo("a%2Fb%20c%3Fd%23e%25f");
        assertThat(UrlCodec.encodePathSegment("café")).isEqualTo("caf%C3%A9");
        assertThat(UrlCodec.encodePathSegment("日本")).isEqualTo("%E6%97%A5%E6%9C%AC");
        assertThat(UrlCodec.encodePathSegment("😀")).isEqualTo("%F0%9F%98%80");
        assertThat(UrlCodec.encodePathSegment("a-b_c.d~e!$&'()*+,;=:@")).isEqualTo("a-b_c.d~e!$&'()*+,;=:@");
    }

    @Test
    void a_path_keeps_its_slashes() {
        assertThat(UrlCodec.encodePath("/a b/c")).isEqualTo("/a%20b/c");
    }

    @Test
    void a_query_component_escapes_the_characters_that_delimit_a_query() {
        assertThat(UrlCodec.encodeQueryComponent("a&b=c+d e#f")).isEqualTo("a%26b%3Dc%2Bd%20e%23f");
        assertThat(UrlCodec.encodeQueryComponent("/path?x")).isEqualTo("/path?x");
        assertThat(UrlCodec.encodeQueryComponent("é")).isEqualTo("%C3%A9");
    }

    @Test
    void a_query_is_encoded_with_every_value_grouped_by_name_in_first_seen_order() {
        MultiMap q = MultiMap.builder().add("a", "1").add("b", "x y").add("a", "2").build();
        assertThat(UrlCodec.encodeQuery(q)).isEqualTo("a=1&a=2&b=x%20y");
        assertThat(UrlCodec.encodeQuery(MultiMap.empty())).isEmpty();
    }

    @Test
    void encoding_then_decoding_gives_back_the_original() {
        for (String s : List.of("", "plain", "a b", "a+b", "a/b", "?&=#%", "café 日本 😀", "100%", "\t\n")) {
            assertThat(UrlCodec.decodePath(UrlCodec.encodePathSegment(s))).isEqualTo(s);
            assertThat(UrlCodec.decodeQueryComponent(UrlCodec.encodeQueryComponent(s))).isEqualTo(s);
        }
        MultiMap q = MultiMap.builder().add("k&=", "v +#").add("ü", "?/").build();
        assertThat(UrlCodec.parseQuery(UrlCodec.encodeQuery(q))).isEqualTo(q);
    }

    @Test
    void the_routing_form_keeps_encoded_slashes_and_percents_and_decodes_the_rest() {
        assertThat(UrlCodec.decodePathSafe("/a%20b/c%2fd/e%25f/%C3%A9")).isEqualTo("/a b/c%2Fd/e%25f/é");
        assertThat(UrlCodec.unquoteSafe("c%2Fd e%25f")).isEqualTo("c/d e%f");
        assertThat(UrlCodec.quoteSafe("a/b%c", false)).isEqualTo("a%2Fb%25c");
        assertThat(UrlCodec.quoteSafe("a/b%c", true)).isEqualTo("a/b%25c");
        assertThat(UrlCodec.decodePathSafe("/plain")).isEqualTo("/plain");
    }
}
