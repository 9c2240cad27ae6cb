package dev.weft.internal.server;

import dev.weft.loop.LoopClock;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header value of one server, on its loop's clock, formatted at most once per second of that clock
 * (RFC 9110 §5.6.7 IMF-fixdate). Any thread.
 */
final class DateHeader {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final LoopClock clock;
    private volatile Cached cached = new Cached(Long.MIN_VALUE, AsciiString.EMPTY_STRING, new byte[0]);

    DateHeader(LoopClock clock) {
        this.clock = clock;
    }

    AsciiString now() {
        return current().value;
    }

    /** The whole header line, {@code date: <now>\r\n}, as bytes: what a response writes. */
    byte[] line() {
        return current().line;
    }

    private Cached current() {
        long second = Math.floorDiv(clock.millis(), 1000);
        Cached c = cached;
        if (c.second != second) {
            AsciiString value = AsciiString.cached(IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            c = new Cached(second, value, ResponseWriter.line(HttpHeaderNames.DATE, value));
            cached = c;
        }
        return c;
    }

    private record Cached(long second, AsciiString value, byte[] line) {
    }
}
