package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CookieTest {

    @Test
    void a_plain_cookie_has_only_name_and_value() {
        assertThat(Cookie.of("sid", "abc").toSetCookieHeader()).isEqualTo("sid=abc");
    }

    @Test
    void every_attribute_is_written_in_a_fixed_order() {
        Cookie c = Cookie.of("sid", "abc123")
                .withDomain("example.com")
                .withPath("/app")
                .withExpires(Instant.parse("2030-01-02T03:04:05Z"))
                .withMaxAge(Duration.ofHours(1))
                .withSecure(true)
                .withHttpOnly(true)
                .withSameSite(Cookie.SameSite.STRICT);
        assertThat(c.toSetCookieHeader()).isEqualTo("sid=abc123; Domain=example.com; Path=/app;"
                + " Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; Secure; HttpOnly; SameSite=Strict");
    }

    @Test
    void same_site_is_written_as_browsers_expect() {
        assertThat(Cookie.of("a", "1").withSameSite(Cookie.SameSite.LAX).toSetCookieHeader())
                .isEqualTo("a=1; SameSite=Lax");
        assertThat(Cookie.of("a", "1").withSameSite(Cookie.SameSite.NONE).withSecure(true).toSetCookieHeader())
                .isEqualTo("a=1; Secure; SameSite=None");
    }

    @Test
    void an_expired_cookie_deletes_the_cookie_at_its_path_and_domain() {
        assertThat(Cookie.expired("sid", "/", null).toSetCookieHeader())
                .isEqualTo("sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0");
        assertThat(Cookie.expired("sid", "/app", "example.com").toSetCookieHeader())
                .isEqualTo("sid=; Domain=example.com; Path=/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0");
    }

    @Test
    void a_quoted_value_is_allowed() {
        assertThat(Cookie.of("a", "\"x y\"".replace(" ", "")).toSetCookieHeader()).isEqualTo("a=\"xy\"");
    }

    @Test
    void names_that_are_not_tokens_are_refused() {
        assertThatThrownBy(() -> Cookie.of("bad name", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a token");
        assertThatThrownBy(() -> Cookie.of("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cookie.of("a\r\nX-Injected", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void values_that_could_break_the_header_are_refused() {
        for (String bad : new String[] {"a;b", "a b", "a,b", "a\"b", "a\\b", "a\r\nSet-Cookie: x=y", "é"}) {
            assertThatThrownBy(() -> Cookie.of("n", bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RFC 6265");
        }
    }

    @Test
    void attributes_with_a_semicolon_or_a_control_are_refused() {
        assertThatThrownBy(() -> Cookie.of("a", "1").withPath("/x; Secure"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> Cookie.of("a", "1").withDomain("example.com\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain");
    }

    @Test
    void a_negative_max_age_is_refused() {
        assertThatThrownBy(() -> Cookie.of("a", "1").withMaxAge(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAge");
    }
}
