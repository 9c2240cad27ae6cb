package dev.weft.internal.server;

import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The {@code Date} header value, formatted at most once per second (RFC 9110 §5.6.7 IMF-fixdate). */
final class DateHeader {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static volatile Cached cached = new Cached(-1, AsciiString.EMPTY_STRING);

    private DateHeader() {
    }

    static AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second != second) {
            c = new Cached(second, AsciiString.cached(IMF_FIXDATE.format(Instant.ofEpochSecond(second))));
            cached = c;
        }
        return c.value;
    }

    private record Cached(long second, AsciiString value) {
    }
}
