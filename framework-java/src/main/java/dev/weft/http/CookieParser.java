package dev.weft.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a request's {@code Cookie} header ({@code a=1; b="2"}) leniently: malformed pairs are skipped, never fatal,
 * and the first value of a repeated name wins, as browsers send the most specific cookie first.
 */
public final class CookieParser {
    /** At most this many cookies are kept from one header; the rest are ignored. */
    public static final int MAX_COOKIE_COUNT = 512;

    private CookieParser() {
    }

    /** The cookies of one {@code Cookie} header value. */
    public static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        parseInto(header, out);
        return Collections.unmodifiableMap(out);
    }

    /** Adds the cookies of {@code header} to {@code out}; returns how many pairs were malformed and skipped. */
    public static int parseInto(String header, Map<String, String> out) {
        int malformed = 0;
        int len = header.length();
        int i = 0;
        while (i < len) {
            int semi = header.indexOf(';', i);
            int end = semi < 0 ? len : semi;
            int eq = header.indexOf('=', i);
            if (eq > 0 && eq < end) {
                String name = header.substring(i, eq).trim();
                String value = header.substring(eq + 1, end).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                if (HttpTokens.isToken(name)) {
                    if (out.size() < MAX_COOKIE_COUNT) {
                        out.putIfAbsent(name, value);
                    }
                } else {
                    malformed++;
                }
            } else if (!header.substring(i, end).isBlank()) {
                malformed++;
            }
            i = end + 1;
        }
        return malformed;
    }
}
