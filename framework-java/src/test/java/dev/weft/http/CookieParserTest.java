package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CookieParserTest {

    @Test
    void parses_pairs_separated_by_semicolons_in_order() {
        assertThat(CookieParser.parse("a=1; b=2;c=3")).containsExactly(entry("a", "1"), entry("b", "2"),
                entry("c", "3"));
    }

    @Test
    void strips_double_quotes_around_a_value() {
        assertThat(CookieParser.parse("a=\"quoted value\"")).containsExactly(entry("a", "quoted value"));
    }

    @Test
    void keeps_equals_signs_inside_a_value() {
        assertThat(CookieParser.parse("token=YWJj==; x=a=b")).containsExactly(entry("token", "YWJj=="),
                entry("x", "a=b"));
    }

    @Test
    void keeps_empty_values() {
        assertThat(CookieParser.parse("a=; b=2")).containsExactly(entry("a", ""), entry("b", "2"));
    }

    @Test
    void skips_malformed_pairs_and_counts_them() {
        Map<String, String> out = new LinkedHashMap<>();
        int malformed = CookieParser.parseInto("good=1; novalue; =nameless; bad name=2; ok=3", out);
        assertThat(out).containsExactly(entry("good", "1"), entry("ok", "3"));
        assertThat(malformed).isEqualTo(3);
    }

    @Test
    void the_first_value_of_a_repeated_name_wins() {
        assertThat(CookieParser.parse("a=first; a=second")).containsExactly(entry("a", "first"));
    }

    @Test
    void an_empty_or_blank_header_has_no_cookies() {
        assertThat(CookieParser.parse("")).isEmpty();
        assertThat(CookieParser.parse(" ;  ; ")).isEmpty();
    }

    @Test
    void keeps_at_most_the_maximum_number_of_cookies() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < CookieParser.MAX_COOKIE_COUNT + 10; i++) {
            b.append("c").append(i).append("=v; ");
        }
        assertThat(CookieParser.parse(b.toString())).hasSize(CookieParser.MAX_COOKIE_COUNT);
    }
}
