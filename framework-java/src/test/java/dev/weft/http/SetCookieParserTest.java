package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SetCookieParserTest {

    @Test
    void reads_the_name_value_and_every_attribute() {
        Cookie c = SetCookieParser.parse("sid=abc; Domain=.Example.com; Path=/app; Max-Age=60; Secure; HttpOnly; "
                + "SameSite=Strict; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Unknown=1");
        assertThat(c).isEqualTo(new Cookie("sid", "abc", "example.com", "/app", Duration.ofSeconds(60),
                Instant.parse("2037-10-21T07:28:00Z"), true, true, Cookie.SameSite.STRICT));
    }

    @Test
    void refuses_what_is_not_a_cookie() {
        assertThat(SetCookieParser.parse("novalue")).isNull();
        assertThat(SetCookieParser.parse("=value")).isNull();
        assertThat(SetCookieParser.parse("bad name=1")).isNull();
        assertThat(SetCookieParser.parse("a=" + "x".repeat(SetCookieParser.MAX_SET_COOKIE_CHARS))).isNull();
    }

    @Test
    void ignores_malformed_attributes() {
        assertThat(SetCookieParser.parse("a=1; Max-Age=soon; Expires=never; Path=relative; Domain="))
                .isEqualTo(Cookie.of("a", "1"));
    }

    @Test
    void a_negative_max_age_is_zero() {
        assertThat(SetCookieParser.parse("a=1; Max-Age=-5").maxAge()).isEqualTo(Duration.ZERO);
    }

    @Test
    void reads_the_three_http_date_formats_and_two_digit_years() {
        Instant t = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(SetCookieParser.parseDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(t);
        assertThat(SetCookieParser.parseDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(t);
        assertThat(SetCookieParser.parseDate("Sun Nov  6 08:49:37 1994")).isEqualTo(t);
        assertThat(SetCookieParser.parseDate("Thu, 01-Jan-30 00:00:00 GMT"))
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(SetCookieParser.parseDate("31 Feb 2020 00:00:00")).isNull();
        assertThat(SetCookieParser.parseDate("not a date")).isNull();
    }
}
