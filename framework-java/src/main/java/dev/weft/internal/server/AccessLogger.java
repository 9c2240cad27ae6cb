package dev.weft.internal.server;

import dev.weft.loop.LoopClock;
import dev.weft.web.AccessLog;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines in aiohttp's format language (see {@link AccessLog}). The format is compiled once into
 * parts; nothing is formatted when the logger is off.
 */
final class AccessLogger {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.US).withZone(ZoneId.systemDefault());
    private static final long PID = ProcessHandle.current().pid();

    private final boolean enabled;
    private final List<Part> parts;
    private final LoopClock clock;

    /** A logger whose durations end at {@code clock}'s now (the server loop's clock, the one the start was read on). */
    AccessLogger(AccessLog config, LoopClock clock) {
        this.clock = clock;
        this.enabled = config.enabled();
        this.parts = compile(config.format());
    }

    /** What one line is made of. */
    record Entry(String remote, long startMillis, long startNanos, String firstLine, int status, long bytes,
                 HttpHeaders requestHeaders, HttpHeaders responseHeaders) {
    }

    boolean active() {
        return enabled && LOG.isInfoEnabled();
    }

    void log(Entry e) {
        LOG.info(format(e));
    }

    /** The line for {@code e}. */
    String format(Entry e) {
        StringBuilder b = new StringBuilder(128);
        long tookNanos = clock.nanoTime() - e.startNanos();
        for (Part p : parts) {
            switch (p.kind) {
                case 'L' -> b.append(p.arg);
                case 'a' -> b.append(e.remote());
                case 't' -> b.append(TIME.format(Instant.ofEpochMilli(e.startMillis())));
                case 'P' -> b.append(PID);
                case 'r' -> b.append(e.firstLine());
                case 's' -> b.append(e.status());
                case 'b' -> b.append(e.bytes());
                case 'T' -> b.append(tookNanos / 1_000_000_000L);
                case 'f' -> b.append(String.format(Locale.ROOT, "%.6f", tookNanos / 1e9));
                case 'D' -> b.append(tookNanos / 1000);
                case 'i' -> b.append(orDash(e.requestHeaders().get(p.arg)));
                case 'o' -> b.append(orDash(e.responseHeaders().get(p.arg)));
                default -> throw new IllegalStateException("unknown access-log part " + p.kind);
            }
        }
        return b.toString();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private record Part(char kind, String arg) {
    }

    static List<Part> compile(String format) {
        List<Part> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                lit.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                throw new IllegalArgumentException("access-log format ends with a lone '%'");
            }
            char n = format.charAt(++i);
            if (n == '%') {
                lit.append('%');
                continue;
            }
            if (lit.length() > 0) {
                out.add(new Part('L', lit.toString()));
                lit.setLength(0);
            }
            if (n == '{') {
                int close = format.indexOf('}', i);
                if (close < 0 || close + 1 >= format.length()) {
                    throw new IllegalArgumentException("access-log format: '%{' needs '}' and then i or o");
                }
                String name = format.substring(i + 1, close);
                char kind = format.charAt(close + 1);
                if (kind != 'i' && kind != 'o') {
                    throw new IllegalArgumentException("access-log format: %{" + name + "}" + kind
                            + " must end with i (request header) or o (response header)");
                }
                out.add(new Part(kind, name));
                i = close + 1;
            } else if (n == 'T' && i + 1 < format.length() && format.charAt(i + 1) == 'f') {
                out.add(new Part('f', ""));
                i++;
            } else if ("atPrsbTD".indexOf(n) >= 0) {
                out.add(new Part(n, ""));
            } else {
                throw new IllegalArgumentException("access-log format: unknown atom %" + n
                        + " (known: %a %t %P %r %s %b %T %Tf %D %{Header}i %{Header}o %%)");
            }
        }
        if (lit.length() > 0) {
            out.add(new Part('L', lit.toString()));
        }
        return List.copyOf(out);
    }
}
