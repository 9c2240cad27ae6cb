package dev.weft.internal.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What to answer for a file, given its size and modification time and the request's preconditions and range
 * (RFC 9110 §13 and §14), in the order §13.2.2 gives: {@code If-Match}, else {@code If-Unmodified-Since} (412);
 * {@code If-None-Match}, else {@code If-Modified-Since} (304 for GET and HEAD, 412 otherwise); then a single
 * {@code Range} of a GET, subject to {@code If-Range} (206, or 416 when it cannot be satisfied). A malformed
 * date or range is ignored, as the RFC asks; so is a request for several ranges (the whole file is sent, which the RFC
 * allows). Pure: no I/O.
 *
 * @param status  200, 206, 304, 412 or 416
 * @param start   the first byte to send
 * @param count   how many bytes to send (0 for 304, 412, 416)
 */
record FileAnswer(int status, long start, long count) {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The request fields that decide the answer; null where the request has none. */
    record Conditions(String method, @Nullable String ifMatch, @Nullable String ifNoneMatch,
                      @Nullable String ifModifiedSince, @Nullable String ifUnmodifiedSince, @Nullable String range,
                      @Nullable String ifRange) {
    }

    /** The strong entity tag of a file, in aiohttp's form: modification time in nanoseconds and size, in hex. */
    static String etag(long mtimeNanos, long size) {
        return "\"" + Long.toHexString(mtimeNanos) + "-" + Long.toHexString(size) + "\"";
    }

    /** {@code epochSecond} as an HTTP date (IMF-fixdate). */
    static String httpDate(long epochSecond) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
    }

    /** The answer for a file of {@code size} bytes, last modified at {@code mtimeNanos}, with tag {@code etag}. */
    static FileAnswer decide(Conditions c, long size, long mtimeNanos, String etag) {
        long mtimeSecond = Math.floorDiv(mtimeNanos, 1_000_000_000L);
        boolean getOrHead = "GET".equals(c.method()) || "HEAD".equals(c.method());
        if (c.ifMatch() != null) {
            if (!matches(c.ifMatch(), etag, false)) {
                return new FileAnswer(412, 0, 0);
            }
        } else if (c.ifUnmodifiedSince() != null) {
            Long since = parseDate(c.ifUnmodifiedSince());
            if (since != null && mtimeSecond > since) {
                return new FileAnswer(412, 0, 0);
            }
        }
        if (c.ifNoneMatch() != null) {
            if (matches(c.ifNoneMatch(), etag, true)) {
                return new FileAnswer(getOrHead ? 304 : 412, 0, 0);
            }
        } else if (getOrHead && c.ifModifiedSince() != null) {
            Long since = parseDate(c.ifModifiedSince());
            if (since != null && mtimeSecond <= since) {
                return new FileAnswer(304, 0, 0);
            }
        }
        if (c.range() == null || !"GET".equals(c.method()) || !ifRangeHolds(c.ifRange(), etag, mtimeSecond)) {
            return new FileAnswer(200, 0, size);
        }
        return range(c.range(), size);
    }

    /** A single byte range of a file of {@code size}: 206, 416, or 200 for a range spec this server ignores. */
    static FileAnswer range(String header, long size) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new FileAnswer(200, 0, size); // another unit: ignored
        }
        String spec = h.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return new FileAnswer(200, 0, size); // several ranges: the whole file instead (RFC 9110 §14.2 allows it)
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new FileAnswer(200, 0, size);
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        Long a = first.isEmpty() ? null : digits(first);
        Long b = last.isEmpty() ? null : digits(last);
        if ((a == null && !first.isEmpty()) || (b == null && !last.isEmpty()) || (a == null && b == null)) {
            return new FileAnswer(200, 0, size); // malformed: ignored
        }
        if (a == null) { // a suffix: the last b bytes
            if (b == 0 || size == 0) {
                return new FileAnswer(416, 0, 0);
            }
            long n = Math.min(b, size);
            return new FileAnswer(206, size - n, n);
        }
        if (b != null && b < a) {
            return new FileAnswer(200, 0, size); // invalid (last before first): ignored
        }
        if (a >= size) {
            return new FileAnswer(416, 0, 0);
        }
        long end = b == null ? size - 1 : Math.min(b, size - 1);
        return new FileAnswer(206, a, end - a + 1);
    }

    /**
     * Whether a list of entity tags ({@code *}, or tags separated by commas) matches {@code etag}; {@code weak}: by
     * the weak comparison (a {@code W/} tag matches its strong twin), else by the strong one (a weak tag never does).
     */
    static boolean matches(String list, String etag, boolean weak) {
        String l = list.trim();
        if (l.equals("*")) {
            return true;
        }
        for (String part : l.split(",")) {
            String t = part.trim();
            boolean isWeak = t.startsWith("W/");
            if (isWeak) {
                if (!weak) {
                    continue;
                }
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** {@code If-Range}: an entity tag that strongly matches, or the exact {@code Last-Modified} date. */
    private static boolean ifRangeHolds(@Nullable String ifRange, String etag, long mtimeSecond) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag);
        }
        Long date = parseDate(v);
        return date != null && date == mtimeSecond;
    }

    /** An HTTP date as epoch seconds, or null when it is not one (then the condition is ignored). */
    static @Nullable Long parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Long digits(String s) {
        if (s.length() > 18) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }
}
