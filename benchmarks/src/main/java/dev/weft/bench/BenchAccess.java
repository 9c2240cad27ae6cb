package dev.weft.bench;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.internal.server.Http1Connection;
import dev.weft.internal.server.HttpServer;
import dev.weft.internal.server.RequestDecoder;
import dev.weft.internal.server.ResponseWriter;
import dev.weft.internal.web.RouteCompiler;
import dev.weft.json.JsonCodec;
import dev.weft.loop.Loop;
import dev.weft.loop.LoopClock;
import dev.weft.web.Application;
import dev.weft.web.Response;
import dev.weft.web.ServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.util.List;

/**
 * The benchmarks' door into Weft's server classes in {@code dev.weft.internal.server} (public there, not API), so JMH
 * can drive the real connection handler and response writer without a socket.
 *
 * <p>{@link #initPipeline} must build the pipeline as {@code HttpServer.bind} does; keep the two in step.
 */
final class BenchAccess {
    private BenchAccess() {
    }

    /** A server for {@code app} (frozen here) that is never bound: only its pipeline is used. */
    public static HttpServer server(Application app, ServerConfig config, Loop loop) {
        app.freeze();
        return new HttpServer(RouteCompiler.compile(app), config, NettyLoop.of(loop, "BenchAccess"), List.of());
    }

    /** The handlers {@code HttpServer.bind} puts on every accepted connection. */
    public static void initPipeline(HttpServer server, Channel ch) {
        ch.pipeline()
                .addLast("decoder", new RequestDecoder(server.config().limits(), server.loop()))
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("weft", new Http1Connection(server));
    }

    /**
     * What an exchange does with a handler's response: Weft's response to the bytes that go to the socket, in one
     * buffer (with a body up to {@code ResponseWriter.COPY_BODY_LIMIT}) or two.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, Response response, AsciiString serverHeader)
            throws IOException {
        ResponseWriter.Encoded out = new ResponseWriter(serverHeader, LoopClock.system())
                .encode(alloc, response, JsonCodec.jackson(), 0);
        return out.body() == null ? out.head() : Unpooled.wrappedBuffer(out.head(), out.body());
    }
}
