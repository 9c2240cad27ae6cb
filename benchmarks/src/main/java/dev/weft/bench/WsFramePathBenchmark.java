package dev.weft.bench;

import dev.weft.bench.servers.NettyServer;
import dev.weft.http.ws.WebSocket;
import dev.weft.http.ws.WebSocketException;
import dev.weft.http.ws.WsMessage;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.internal.ws.WsConnection;
import dev.weft.internal.ws.WsSettings;
import dev.weft.json.JsonCodec;
import dev.weft.loop.Loop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
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
 * A WebSocket text echo without a socket: the bytes of one masked text frame (as a client sends it) go into an
 * {@link EmbeddedChannel} carrying an open WebSocket's handlers, and the echo frame's bytes are taken out and released.
 * For Weft that is the pipeline its upgrade installs ({@link WsConnection#handlers}: Netty's frame encoder, decoder
 * and UTF-8 validator, then Weft's frame machine), the message handed to a reader that sends its text back, as
 * {@code WebSocketResponse.forEach} with {@code sendText} does; for raw Netty it is the same three Netty handlers
 * and an echo handler writing the received bytes back (the load runs' raw Netty {@code /ws}). The difference is
 * Weft's cost per message: the frame machine, the {@code WsMessage}, the text decoded and encoded, the reader's
 * stage and the send's.
 *
 * <p>Its {@link #main} measures the same echo by the thread's CPU time instead of wall time, which a busy machine
 * disturbs less (time spent descheduled does not count): each server and size in turn, several rounds, interleaved,
 * the median CPU nanoseconds per echo of each, and Weft's ratio to raw Netty:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.weft.bench.WsFramePathBenchmark [rounds] [echoes per round]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WsFramePathBenchmark {
    private static final int MAX_MESSAGE = 1 << 20;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Param({"weft", "netty"})
    public String server;

    @Param({"32", "1024"})
    public int size;

    private EmbeddedChannel channel;
    private ByteBuf frame;
    /** The frame machine's clock and timers (none run: no heartbeat). */
    private Loop loop;

    @Setup(Level.Trial)
    public void setup() {
        channel = new EmbeddedChannel();
        loop = Loop.create(1);
        if (server.equals("weft")) {
            WsConnection.Handlers h = WsConnection.handlers(new WsSettings(MAX_MESSAGE, Duration.ZERO, true, true,
                    Duration.ofSeconds(5), false), null, NettyLoop.of(loop, "WsFramePathBenchmark"));
            for (int i = 0; i < h.handlers().length; i++) {
                channel.pipeline().addLast(h.names()[i], h.handlers()[i]);
            }
            echo(h.connection());
        } else {
            channel.pipeline().addLast(new WebSocket13FrameEncoder(false),
                    new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                            .maxFramePayloadLength(MAX_MESSAGE).expectMaskedFrames(true).allowMaskMismatch(false)
                            .build()),
                    new Utf8FrameValidator(), new NettyServer.WsEcho());
        }
        String text = text(size);
        frame = Unpooled.unreleasableBuffer(maskedFrame(text));
        byte[] out = echoBytes();
        int header = size < 126 ? 2 : 4;
        String echoed = new String(out, header, out.length - header, StandardCharsets.UTF_8);
        if (out.length != header + size || (out[0] & 0xff) != 0x81 || !echoed.equals(text)) {
            throw new IllegalStateException(server + " echoed " + out.length + " bytes: " + echoed);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        loop.close();
    }

    /** A masked text frame in, its unmasked echo out; returns the bytes written. */
    @Benchmark
    public int echo() {
        channel.writeInbound(frame.duplicate());
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

    /**
     * CPU time per echo, Weft and raw Netty interleaved; see the class comment. It runs on a Netty thread, as a
     * server's event loop does (Netty keeps some scratch arrays and recyclers only for those).
     */
    public static void main(String[] args) throws InterruptedException {
        Thread t = new io.netty.util.concurrent.FastThreadLocalThread(() -> cpuPerEcho(args), "echo");
        t.start();
        t.join();
    }

    private static void cpuPerEcho(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int echoes = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        String[] servers = {"weft", "netty"};
        int[] sizes = {32, 1024};
        WsFramePathBenchmark[][] benches = new WsFramePathBenchmark[servers.length][sizes.length];
        long[][][] nanos = new long[servers.length][sizes.length][rounds];
        for (int i = 0; i < servers.length; i++) {
            for (int j = 0; j < sizes.length; j++) {
                WsFramePathBenchmark b = new WsFramePathBenchmark();
                b.server = servers[i];
                b.size = sizes[j];
                b.setup();
                for (int k = 0; k < echoes; k++) { // warm-up
                    b.echo();
                }
                benches[i][j] = b;
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < sizes.length; j++) {
                for (int i = 0; i < servers.length; i++) {
                    WsFramePathBenchmark b = benches[i][j];
                    long t0 = threads.getCurrentThreadCpuTime();
                    for (int k = 0; k < echoes; k++) {
                        b.echo();
                    }
                    nanos[i][j][r] = (threads.getCurrentThreadCpuTime() - t0) / echoes;
                }
            }
        }
        for (int j = 0; j < sizes.length; j++) {
            long[] medians = new long[servers.length];
            for (int i = 0; i < servers.length; i++) {
                long[] n = nanos[i][j].clone();
                java.util.Arrays.sort(n);
                medians[i] = n[n.length / 2];
                System.out.printf("%-5s %5d B: CPU %,6d ns per echo (median of %d rounds of %,d; all %s)%n",
                        servers[i], sizes[j], medians[i], rounds, echoes, java.util.Arrays.toString(nanos[i][j]));
            }
            System.out.printf("      %5d B: weft / netty = %.2f%n", sizes[j], (double) medians[0] / medians[1]);
        }
        for (WsFramePathBenchmark[] row : benches) {
            for (WsFramePathBenchmark b : row) {
                b.tearDown();
            }
        }
    }

    /**
     * The reader of the Weft side, as the load runs' Weft server reads: {@code forEach} with {@code sendText}, each
     * text message sent back and the next one read once the send is written.
     */
    private static void echo(WsConnection conn) {
        WebSocket ws = new Front(conn);
        ws.forEach(m -> ws.sendText(WsMessage.text(m)));
    }

    /** What {@code WebSocketResponse} is to its handler after {@code prepare}: a front on the frame machine. */
    private record Front(WsConnection conn) implements WebSocket {
        @Override
        public CompletionStage<WsMessage> receive() {
            return conn.receive();
        }

        @Override
        public CompletionStage<WsMessage> receive(Duration timeout) {
            return conn.receive(timeout);
        }

        @Override
        public CompletionStage<Void> forEach(MessageHandler handler) {
            return conn.forEach(handler);
        }

        @Override
        public CompletionStage<Void> sendText(String text) {
            return conn.sendText(text);
        }

        @Override
        public CompletionStage<Void> sendBytes(byte[] data) {
            return conn.sendBytes(data);
        }

        @Override
        public CompletionStage<Void> ping(byte[] data) {
            return conn.ping(data);
        }

        @Override
        public CompletionStage<Void> pong(byte[] data) {
            return conn.pong(data);
        }

        @Override
        public CompletionStage<Void> close(int code, String reason) {
            return conn.close(code, reason);
        }

        @Override
        public boolean isClosed() {
            return conn.isClosed();
        }

        @Override
        public boolean isClosing() {
            return conn.isClosing();
        }

        @Override
        public CompletionStage<Void> closed() {
            return conn.closedStage();
        }

        @Override
        public Integer closeCode() {
            return conn.closeCode() == 0 ? null : conn.closeCode();
        }

        @Override
        public WebSocketException exception() {
            return conn.exception();
        }

        @Override
        public String protocol() {
            return null;
        }

        @Override
        public JsonCodec jsonCodec() {
            return JsonCodec.jackson();
        }
    }

    private byte[] echoBytes() {
        channel.writeInbound(frame.duplicate());
        return Outbound.bytes(channel);
    }

    private static String text(int size) {
        StringBuilder s = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            s.append(ALPHABET.charAt(i % ALPHABET.length()));
        }
        return s.toString();
    }

    /** {@code text} as a client frames it: one final text frame, masked (Netty's client encoder). */
    private static ByteBuf maskedFrame(String text) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        client.writeOutbound(new TextWebSocketFrame(text));
        ByteBuf all = Outbound.read(client);
        client.finishAndReleaseAll();
        return all;
    }
}
