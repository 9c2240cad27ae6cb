package dev.weft.bench;

import dev.weft.http.CookieParser;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a {@code Cookie} request header into names and values ({@link CookieParser}, what {@code request.cookies()}
 * uses): one cookie, a browser-like header of 10 cookies (a session id, analytics ids, preferences, one quoted
 * value), and 50 short cookies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CookieParserBenchmark {
    @Param({"1", "10", "50"})
    public int cookies;

    private String header;

    @Setup
    public void setup() {
        header = switch (cookies) {
            case 1 -> "session=3f2a9c0d8e7b6a5f4e3d2c1b0a998877";
            case 10 -> "session=3f2a9c0d8e7b6a5f4e3d2c1b0a998877; _ga=GA1.2.1234567890.1700000000; "
                    + "_gid=GA1.2.987654321.1700000000; theme=dark; lang=en-GB; tz=Europe%2FLondon; "
                    + "consent=\"analytics=no,ads=no\"; cart=7; last_seen=1700000123; csrftoken=Zk3mQ9vT2pX8wL1r";
            default -> {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < cookies; i++) {
                    b.append(i == 0 ? "" : "; ").append("c").append(i).append("=v").append(i);
                }
                yield b.toString();
            }
        };
        Map<String, String> parsed = CookieParser.parse(header);
        if (parsed.size() != cookies) {
            throw new IllegalStateException("parsed " + parsed.size() + " cookies of " + cookies + ": " + parsed);
        }
    }

    @Benchmark
    public Map<String, String> parse() {
        return CookieParser.parse(header);
    }
}
