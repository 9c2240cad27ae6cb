package dev.weft.bench;

import dev.weft.web.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.AsciiString;
import java.util.Arrays;
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
 * Response encoding: a handler's {@link Response} built and turned into the bytes that go to the socket by Weft's
 * response writer, as an exchange calls it (status line, headers, {@code Date}, {@code Server}, body). Bodies: 13
 * bytes of text, a small JSON object through Jackson, 1 KiB of bytes, and text with three extra headers and a cookie.
 * (The whole request path against raw Netty's is {@link RequestPathBenchmark}.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseEncodingBenchmark {
    private static final AsciiString SERVER = AsciiString.cached("Weft");

    @Param({"text", "json", "bytes1k", "headers"})
    public String kind;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final byte[] kib = new byte[1024];

    @Setup
    public void setup() {
        Arrays.fill(kib, (byte) 'x');
    }

    private Response response() {
        return switch (kind) {
            case "text" -> Response.text("Hello, World!");
            case "json" -> Response.json(Map.of("message", "Hello, World!"));
            case "bytes1k" -> Response.bytes(kib, "application/octet-stream");
            case "headers" -> Response.text("Hello, World!").header("Cache-Control", "no-store")
                    .header("X-Request-Id", "3f2a9c").header("Vary", "Accept-Encoding").cookie("session", "abc123");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A Response built and turned into bytes by Weft's response writer; released at once. */
    @Benchmark
    public int toBytes() throws Exception {
        ByteBuf out = BenchAccess.encode(alloc, response(), SERVER);
        int bytes = out.readableBytes();
        out.release();
        return bytes;
    }
}
