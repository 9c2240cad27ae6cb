package dev.weft.internal.server;

import dev.weft.loop.LoopClock;
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
    private volatile Cached cached = new Cached(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

    DateHeader(LoopClock clock) {
        this.clock = clock;
    }

    AsciiString now() {
        long second = Math.floorDiv(clock.millis(), 1000);
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
