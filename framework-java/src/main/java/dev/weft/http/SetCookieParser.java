package dev.weft.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses a response's {@code Set-Cookie} header value into a {@link Cookie}, following the user-agent algorithm of
 * RFC 6265 §5.2: unknown attributes are ignored, a malformed attribute is dropped, and a cookie whose name or value
 * Weft cannot represent is refused (null) rather than guessed at. Dates use the lenient cookie-date grammar of
 * RFC 6265 §5.1.1, so every format servers send in practice is understood. Any thread.
 */
public final class SetCookieParser {
    /** A {@code Set-Cookie} value longer than this is ignored, as browsers ignore cookies over 4 KiB. */
    public static final int MAX_SET_COOKIE_CHARS = 8192;

    private static final String[] MONTHS =
            {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private SetCookieParser() {
    }

    /** The cookie of one {@code Set-Cookie} value, or null if it is malformed or cannot be represented. */
    public static @Nullable Cookie parse(String header) {
        if (header.length() > MAX_SET_COOKIE_CHARS) {
            return null;
        }
        int semi = header.indexOf(';');
        String pair = semi < 0 ? header : header.substring(0, semi);
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            return null; // §5.2 step 2: no '=' or an empty name
        }
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        Cookie cookie;
        try {
            cookie = Cookie.of(name, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String rest = semi < 0 ? "" : header.substring(semi + 1);
        for (String av : rest.split(";")) {
            int aeq = av.indexOf('=');
            String key = (aeq < 0 ? av : av.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String val = aeq < 0 ? "" : av.substring(aeq + 1).trim();
            try {
                cookie = attribute(cookie, key, val);
            } catch (IllegalArgumentException e) {
                // an attribute Cookie refuses (a control character) is ignored, as §5.2 ignores unparsable ones
            }
        }
        return cookie;
    }

    private static Cookie attribute(Cookie c, String key, String val) {
        switch (key) {
            case "expires": {
                Instant at = parseDate(val);
                return at == null ? c : c.withExpires(at);
            }
            case "max-age": {
                if (val.isEmpty() || !(Character.isDigit(val.charAt(0)) || val.charAt(0) == '-')) {
                    return c;
                }
                for (int i = 1; i < val.length(); i++) {
                    if (!Character.isDigit(val.charAt(i))) {
                        return c;
                    }
                }
                long seconds;
                try {
                    seconds = Long.parseLong(val);
                } catch (NumberFormatException e) {
                    seconds = val.startsWith("-") ? 0 : Long.MAX_VALUE / 1_000_000_000L;
                }
                return c.withMaxAge(Duration.ofSeconds(Math.max(0, seconds)));
            }
            case "domain": {
                if (val.isEmpty()) {
                    return c;
                }
                String d = val.startsWith(".") ? val.substring(1) : val;
                return c.withDomain(d.toLowerCase(Locale.ROOT));
            }
            case "path":
                return c.withPath(val.startsWith("/") ? val : null);
            case "secure":
                return c.withSecure(true);
            case "httponly":
                return c.withHttpOnly(true);
            case "samesite":
                switch (val.toLowerCase(Locale.ROOT)) {
                    case "strict": return c.withSameSite(Cookie.SameSite.STRICT);
                    case "lax": return c.withSameSite(Cookie.SameSite.LAX);
                    case "none": return c.withSameSite(Cookie.SameSite.NONE);
                    default: return c;
                }
            default:
                return c;
        }
    }

    /** A cookie-date (RFC 6265 §5.1.1), or null when it is not one. */
    public static @Nullable Instant parseDate(String s) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        for (String token : s.split("[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (hour < 0 && token.matches("\\d{1,2}:\\d{1,2}:\\d{1,2}(\\D.*)?")) {
                String[] hms = token.split(":");
                hour = Integer.parseInt(hms[0]);
                minute = Integer.parseInt(hms[1]);
                second = Integer.parseInt(hms[2].replaceAll("\\D.*", ""));
            } else if (day < 0 && token.matches("\\d{1,2}(\\D.*)?")) {
                day = Integer.parseInt(token.replaceAll("\\D.*", ""));
            } else if (month < 0 && token.length() >= 3 && monthOf(token) >= 0) {
                month = monthOf(token);
            } else if (year < 0 && token.matches("\\d{2,4}(\\D.*)?")) {
                year = Integer.parseInt(token.replaceAll("\\D.*", ""));
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (day < 1 || day > 31 || month < 0 || year < 1601 || hour < 0 || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month + 1, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // 31 February and the like
        }
    }

    private static int monthOf(String token) {
        String m = token.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(m)) {
                return i;
            }
        }
        return -1;
    }
}
