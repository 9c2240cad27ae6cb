package dev.weft.bench;

import dev.weft.internal.server.BenchAccess;
import dev.weft.web.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Response encoding: a handler's {@link Response} built and turned into Netty's response with its body encoded
 * (Weft's response writer, as an exchange calls it: status, headers, {@code Date}, {@code Server}, body), and then
 * into bytes by Netty's {@link HttpResponseEncoder}. Bodies: 13 bytes of text, a small JSON object through Jackson,
 * 1 KiB of bytes, and text with three extra headers and a cookie.
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
    private EmbeddedChannel encoder;

    @Setup
    public void setup() {
        Arrays.fill(kib, (byte) 'x');
        encoder = new EmbeddedChannel(new HttpResponseEncoder());
    }

    @TearDown
    public void tearDown() {
        encoder.finishAndReleaseAll();
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

    /** A Response built and turned into Netty's full response (body encoded); released at once. */
    @Benchmark
    public int toNettyResponse() throws Exception {
        FullHttpResponse out = BenchAccess.encode(alloc, response(), SERVER);
        int n = out.content().readableBytes() + out.headers().size();
        out.release();
        return n;
    }

    /** The same, then Netty's encoder writes the bytes that would go to the socket. */
    @Benchmark
    public int toBytes() throws Exception {
        encoder.writeOutbound(BenchAccess.encode(alloc, response(), SERVER));
        int bytes = 0;
        Object o;
        while ((o = encoder.readOutbound()) != null) {
            if (o instanceof ByteBuf b) {
                bytes += b.readableBytes();
            }
            ReferenceCountUtil.release(o);
        }
        return bytes;
    }
}
