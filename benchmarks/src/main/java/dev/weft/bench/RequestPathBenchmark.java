package dev.weft.bench;

import dev.weft.bench.servers.LeanNettyServer;
import dev.weft.bench.servers.NettyServer;
import dev.weft.bench.servers.WeftServer;
import dev.weft.internal.server.HttpServer;
import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.ServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * From request bytes to response bytes through a server's whole pipeline, without a socket: the bytes of one request
 * (or of 16 pipelined requests) go into an {@link EmbeddedChannel} carrying the server's handlers, and the encoded
 * response bytes are taken out and released. For Weft that is its decoder, the response encoder and the connection
 * handler (routing, the request object, the handler of {@link WeftServer}, the response writer), built as
 * {@code HttpServer} builds them; for raw Netty it is {@link LeanNettyServer}'s pipeline (the ceiling: the codec and
 * a switch on the path) or {@link NettyServer}'s (with an aggregator and a cached {@code Date}). They answer the same
 * endpoints, so their ratios are the framework's cost per request with the kernel and the load generator taken out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestPathBenchmark {
    @Param({"weft", "lean", "netty"})
    public String server;

    @Param({"plaintext", "json", "user", "miss", "echo"})
    public String endpoint;

    private Loop loop;
    private EmbeddedChannel channel;
    private ByteBuf one;
    private ByteBuf sixteen;

    @Setup(Level.Trial)
    public void setup() {
        loop = Loop.create(1);
        if (server.equals("weft")) {
            HttpServer http = BenchAccess.server(WeftServer.app(),
                    ServerConfig.create(c -> c.accessLog(AccessLog.off())), loop);
            channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    BenchAccess.initPipeline(http, ch);
                }
            });
        } else if (server.equals("lean")) {
            channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    LeanNettyServer.initPipeline(ch);
                }
            });
        } else {
            channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    NettyServer.initPipeline(ch);
                }
            });
        }
        byte[] request = request(endpoint);
        one = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(request));
        byte[] batch = new byte[request.length * 16];
        for (int i = 0; i < 16; i++) {
            System.arraycopy(request, 0, batch, i * request.length, request.length);
        }
        sixteen = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(batch));
        String first = new String(Arrays.copyOf(responseBytes(one.duplicate()), 12), StandardCharsets.ISO_8859_1);
        String expected = endpoint.equals("miss") ? "HTTP/1.1 404" : "HTTP/1.1 200";
        if (!first.equals(expected)) {
            throw new IllegalStateException(server + " " + endpoint + " answered " + first);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        loop.close();
    }

    static byte[] request(String endpoint) {
        String head = switch (endpoint) {
            case "plaintext" -> "GET /plaintext HTTP/1.1\r\n";
            case "json" -> "GET /json HTTP/1.1\r\n";
            case "user" -> "GET /user/42 HTTP/1.1\r\n";
            case "miss" -> "GET /missing HTTP/1.1\r\n";
            case "echo" -> "POST /echo HTTP/1.1\r\n";
            default -> throw new IllegalArgumentException(endpoint);
        };
        // The headers wrk sends, plus a body for the echo.
        String headers = "Host: 127.0.0.1:18080\r\n";
        byte[] body = new byte[0];
        if (endpoint.equals("echo")) {
            body = new byte[1024];
            Arrays.fill(body, (byte) 'x');
            headers += "Content-Type: application/octet-stream\r\nContent-Length: 1024\r\n";
        }
        byte[] start = (head + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private byte[] responseBytes(ByteBuf in) {
        channel.writeInbound(in);
        return Outbound.bytes(channel);
    }

    private int drain() {
        int bytes = 0;
        Object o;
        while ((o = channel.readOutbound()) != null) {
            if (o instanceof ByteBuf b) {
                bytes += b.readableBytes();
            }
            ReferenceCountUtil.release(o);
        }
        return bytes;
    }

    /** One request, one response: keep-alive. */
    @Benchmark
    public int keepAlive() {
        channel.writeInbound(one.duplicate());
        return drain();
    }

    /** Sixteen requests in one read, sixteen responses in one flush; the time is for all sixteen. */
    @Benchmark
    public int pipelined16() {
        channel.writeInbound(sixteen.duplicate());
        return drain();
    }
}
