package dev.weft.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.internal.web.PathTemplate.Literal;
import dev.weft.internal.web.PathTemplate.Placeholder;
import dev.weft.internal.web.PathTemplate.Regex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void a_static_path_is_literal_segments() {
        PathTemplate t = PathTemplate.parse("/users/me");
        assertThat(t.segments()).containsExactly(new Literal("users"), new Literal("me"));
        assertThat(t.isStatic()).isTrue();
        assertThat(t.names()).isEmpty();
    }

    @Test
    void the_root_path_is_one_empty_segment() {
        assertThat(PathTemplate.parse("/").segments()).containsExactly(new Literal(""));
    }

    @Test
    void a_trailing_slash_is_an_empty_last_segment() {
        assertThat(PathTemplate.parse("/a/").segments()).containsExactly(new Literal("a"), new Literal(""));
    }

    @Test
    void a_bare_placeholder_takes_a_whole_segment() {
        PathTemplate t = PathTemplate.parse("/users/{id}");
        assertThat(t.segments()).containsExactly(new Literal("users"), new Placeholder("id"));
        assertThat(t.names()).containsExactly("id");
        assertThat(t.isStatic()).isFalse();
    }

    @Test
    void a_placeholder_with_a_regex_is_a_pattern_segment() {
        Regex r = (Regex) PathTemplate.parse("/items/{id:\\d+}").segments().get(1);
        List<String> out = new ArrayList<>();
        assertThat(r.match("42", out)).isTrue();
        assertThat(out).containsExactly("id", "42");
        assertThat(r.match("x42", new ArrayList<>())).isFalse();
        assertThat(r.spanning()).isFalse();
    }

    @Test
    void a_regex_with_braces_inside_parses() {
        Regex r = (Regex) PathTemplate.parse("/y/{year:\\d{4}}").segments().get(1);
        assertThat(r.match("2024", new ArrayList<>())).isTrue();
        assertThat(r.match("24", new ArrayList<>())).isFalse();
    }

    @Test
    void a_regex_containing_a_slash_stays_one_segment() {
        PathTemplate t = PathTemplate.parse("/files/{path:[a-z]+/[a-z]+}/raw");
        assertThat(t.segments()).hasSize(3);
        assertThat(((Regex) t.segments().get(1)).spanning()).isTrue();
    }

    @Test
    void a_catch_all_regex_may_span_slashes() {
        Regex r = (Regex) PathTemplate.parse("/static/{tail:.+}").segments().get(1);
        assertThat(r.spanning()).isTrue();
        List<String> out = new ArrayList<>();
        assertThat(r.match("css/site.css", out)).isTrue();
        assertThat(out).containsExactly("tail", "css/site.css");
    }

    @Test
    void text_mixed_with_placeholders_is_one_pattern_segment() {
        Regex r = (Regex) PathTemplate.parse("/files/{name}.{ext}").segments().get(1);
        List<String> out = new ArrayList<>();
        assertThat(r.match("report.final.pdf", out)).isTrue();
        assertThat(out).containsExactly("name", "report.final", "ext", "pdf");
        assertThat(r.match("noext", new ArrayList<>())).isFalse();
        assertThat(r.spanning()).isFalse();
    }

    @Test
    void regex_metacharacters_in_text_are_literal() {
        Regex r = (Regex) PathTemplate.parse("/v{major}.x+(beta)").segments().get(0);
        assertThat(r.match("v2.x+(beta)", new ArrayList<>())).isTrue();
        assertThat(r.match("v2Ax+(beta)", new ArrayList<>())).isFalse();
    }

    @Test
    void only_regexes_that_can_match_a_slash_span_segments() {
        assertThat(PathTemplate.maySpanSlash("\\d+")).isFalse();
        assertThat(PathTemplate.maySpanSlash("[a-z0-9_-]+")).isFalse();
        assertThat(PathTemplate.maySpanSlash("\\w+")).isFalse();
        assertThat(PathTemplate.maySpanSlash(".+")).isTrue();
        assertThat(PathTemplate.maySpanSlash("[^.]+")).isTrue();
        assertThat(PathTemplate.maySpanSlash("\\S+")).isTrue();
        assertThat(PathTemplate.maySpanSlash("[!-~]+")).isTrue(); // a range containing '/'
        assertThat(PathTemplate.maySpanSlash("a/b")).isTrue();
    }

    @Test
    void malformed_templates_are_refused_with_the_reason() {
        assertThatThrownBy(() -> PathTemplate.parse("users")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> PathTemplate.parse("")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{id")).hasMessageContaining("unclosed '{'");
        assertThatThrownBy(() -> PathTemplate.parse("/a/id}")).hasMessageContaining("unmatched '}'");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{}")).hasMessageContaining("must be an identifier");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{1x}")).hasMessageContaining("must be an identifier");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{id:}")).hasMessageContaining("empty regex");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{id:[}")).hasMessageContaining("does not compile");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{id}/b/{id}")).hasMessageContaining("{id} twice");
    }

    @Test
    void a_url_is_built_with_each_value_escaped_for_its_segment() {
        PathTemplate t = PathTemplate.parse("/users/{name}/posts/{id}");
        assertThat(t.build(Map.of("name", "a b?c#d", "id", "é")))
                .isEqualTo("/users/a%20b%3Fc%23d/posts/%C3%A9");
    }

    @Test
    void a_spanning_value_keeps_its_slashes() {
        assertThat(PathTemplate.parse("/static/{tail:.+}").build(Map.of("tail", "css/a b.css")))
                .isEqualTo("/static/css/a%20b.css");
    }

    @Test
    void a_mixed_segment_is_built_from_its_parts() {
        assertThat(PathTemplate.parse("/files/{name}.{ext}").build(Map.of("name", "my file", "ext", "txt")))
                .isEqualTo("/files/my%20file.txt");
    }

    @Test
    void static_text_is_escaped_too() {
        assertThat(PathTemplate.parse("/a b/ü").build(Map.of())).isEqualTo("/a%20b/%C3%BC");
    }

    @Test
    void building_refuses_missing_extra_and_non_matching_values() {
        PathTemplate t = PathTemplate.parse("/items/{id:\\d+}");
        assertThatThrownBy(() -> t.build(Map.of())).hasMessageContaining("a value for {id} is required");
        assertThatThrownBy(() -> t.build(Map.of("id", ""))).hasMessageContaining("a value for {id} is required");
        assertThatThrownBy(() -> t.build(Map.of("id", "1", "other", "2")))
                .hasMessageContaining("has no placeholder {other}");
        assertThatThrownBy(() -> t.build(Map.of("id", "abc"))).hasMessageContaining("does not match");
    }

    @Test
    void building_encodes_a_slash_in_a_one_segment_value_so_it_stays_in_its_segment() {
        // The router keeps %2F inside a segment (as aiohttp does), so "a/b" routes back to {name} whole.
        assertThat(PathTemplate.parse("/users/{name}").build(Map.of("name", "a/b"))).isEqualTo("/users/a%2Fb");
        assertThat(PathTemplate.parse("/files/{name}.{ext}").build(Map.of("name", "a/b", "ext", "c")))
                .isEqualTo("/files/a%2Fb.c");
    }

    @Test
    void building_refuses_values_that_would_route_back_differently() {
        PathTemplate t = PathTemplate.parse("/files/{name}.{ext}");
        assertThat(t.build(Map.of("name", "a.b", "ext", "c"))).isEqualTo("/files/a.b.c");
        assertThatThrownBy(() -> t.build(Map.of("name", "a", "ext", "b.c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would not route back");
    }
}
