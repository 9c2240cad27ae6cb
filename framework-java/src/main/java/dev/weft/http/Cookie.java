package dev.weft.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A cookie to set on a response ({@code Set-Cookie}, RFC 6265), with all of its attributes.
 *
 * <pre>{@code
 * response.cookie(Cookie.of("session", id).withPath("/").withHttpOnly(true).withSameSite(SameSite.LAX));
 * }</pre>
 *
 * <p>Names must be RFC 9110 tokens and values RFC 6265 cookie-octets (or a double-quoted run of them); anything else
 * is refused with {@link IllegalArgumentException} when the cookie is made, so a cookie cannot inject a header.
 */
public record Cookie(
        String name,
        String value,
        @Nullable String domain,
        @Nullable String path,
        @Nullable Duration maxAge,
        @Nullable Instant expires,
        boolean secure,
        boolean httpOnly,
        @Nullable SameSite sameSite) {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The {@code SameSite} attribute. */
    public enum SameSite {
        STRICT("Strict"), LAX("Lax"), NONE("None");

        private final String text;

        SameSite(String text) {
            this.text = text;
        }

        /** The attribute value as sent. */
        public String text() {
            return text;
        }
    }

    public Cookie {
        if (!HttpTokens.isToken(name)) {
            throw new IllegalArgumentException("cookie name " + show(name) + " is not a token (RFC 9110 §5.6.2)");
        }
        if (!validValue(value)) {
            throw new IllegalArgumentException("cookie value for " + name + " has characters RFC 6265 does not allow "
                    + "(controls, space, '\"', ',', ';' or '\\'); encode it first, e.g. with URL encoding");
        }
        checkAttribute("domain", domain);
        checkAttribute("path", path);
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("cookie maxAge must not be negative: " + maxAge);
        }
    }

    /** A session cookie with no attributes. */
    public static Cookie of(String name, String value) {
        return new Cookie(name, value, null, null, null, null, false, false, null);
    }

    /** A cookie that makes the browser delete {@code name} at {@code path} and {@code domain} (either may be null). */
    public static Cookie expired(String name, @Nullable String path, @Nullable String domain) {
        return new Cookie(name, "", domain, path, Duration.ZERO, Instant.EPOCH, false, false, null);
    }

    public Cookie withDomain(@Nullable String domain) {
        return new Cookie(name, value, domain, path, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withPath(@Nullable String path) {
        return new Cookie(name, value, domain, path, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withMaxAge(@Nullable Duration maxAge) {
        return new Cookie(name, value, domain, path, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withExpires(@Nullable Instant expires) {
        return new Cookie(name, value, domain, path, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withSecure(boolean secure) {
        return new Cookie(name, value, domain, path, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withHttpOnly(boolean httpOnly) {
        return new Cookie(name, value, domain, path, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withSameSite(@Nullable SameSite sameSite) {
        return new Cookie(name, value, domain, path, maxAge, expires, secure, httpOnly, sameSite);
    }

    /** The {@code Set-Cookie} header value. */
    public String toSetCookieHeader() {
        StringBuilder b = new StringBuilder(64).append(name).append('=').append(value);
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        if (path != null) {
            b.append("; Path=").append(path);
        }
        if (expires != null) {
            b.append("; Expires=").append(HTTP_DATE.format(expires));
        }
        if (maxAge != null) {
            b.append("; Max-Age=").append(maxAge.getSeconds());
        }
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (sameSite != null) {
            b.append("; SameSite=").append(sameSite.text());
        }
        return b.toString();
    }

    private static boolean validValue(String v) {
        int start = 0;
        int end = v.length();
        if (end >= 2 && v.charAt(0) == '"' && v.charAt(end - 1) == '"') {
            start = 1;
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = v.charAt(i);
            // cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void checkAttribute(String what, @Nullable String v) {
        if (v == null) {
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';' || c > 0x7e) {
                throw new IllegalArgumentException("cookie " + what + " " + show(v) + " contains ';' or a control");
            }
        }
    }

    private static String show(String s) {
        return '"' + s.replaceAll("[\\p{Cntrl}]", "?") + '"';
    }
}
