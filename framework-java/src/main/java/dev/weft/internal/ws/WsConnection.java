package dev.weft.internal.ws;

import dev.weft.http.ws.WebSocket;
import dev.weft.http.ws.WebSocketException;
import dev.weft.http.ws.WsCloseCode;
import dev.weft.http.ws.WsMessage;
import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded WebSocket connection, on either side: the last WebSocket handler of its pipeline (Netty's frame
 * decoder and encoder before it, and the inflater when permessage-deflate is on). It checks that text is UTF-8, joins
 * fragments, answers pings and close frames, runs the heartbeat and the close handshake, and hands messages to the one
 * reader. The server's {@code WebSocketResponse} and the client's {@code ClientWebSocket} are thin fronts on it; the
 * differences of the client ({@link WsSettings#client()}) are masking what it sends, refusing masked frames, and
 * leaving the TCP close to the server after the close handshake.
 *
 * <p>Threads: frames arrive and all writes happen on the connection's loop thread; {@link #receive}, the sends and
 * {@link #close} may be called from any thread (sends and closes are queued onto the loop in call order). The reader
 * slot and the inbox are guarded by {@code this}.
 *
 * <p>Memory: an idle socket holds this object and nothing else of its own (no buffer, timer or inflater) until a
 * message, a heartbeat or a close needs one.
 *
 * <p>Section map: setup; reading; frames in; sending; closing; heartbeat; failures.
 */
public final class WsConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    /** Messages held for a reader that is not reading before the socket stops reading from the network. */
    static final int MAX_INBOX = 16;
    private static final String[] NAMES = {"wsdecoder", "wsencoder", "wsinflate", "ws"};
    /** The longest header of an unmasked frame: 2 bytes, and 8 of extended payload length. */
    private static final int MAX_SERVER_HEADER = 10;

    private final WsSettings options;
    /** The clock and timers of the heartbeat, the close handshake and receive timeouts. */
    private final NettyLoop loop;
    private @Nullable ChannelHandlerContext ctx;
    // reading (guarded by this): the pending receive's CompletableFuture, or forEach's MessageLoop
    private @Nullable Object reader;
    private @Nullable ArrayDeque<WsMessage> inbox;
    // a fragmented message in progress (loop thread)
    private @Nullable CompositeByteBuf partial;
    private boolean partialText;
    /** A fragmented text message is being checked as UTF-8; {@code utf8} is the check's state between fragments. */
    private boolean checkingText;
    private int utf8;
    // closing
    private volatile boolean closeSent;
    /**
     * A Close or Error is about to be handed to the reader, after our close frame went out. Until it is, a reader
     * must wait for it rather than be told CLOSING. Set before {@code closeSent}, cleared when delivered.
     */
    private volatile boolean finalPending;
    private volatile boolean closeReceived;
    private volatile boolean closed;
    private volatile int closeCode;
    private volatile @Nullable WebSocketException exception;
    private @Nullable CompletableFuture<Void> closedFuture;
    private @Nullable Timer timer;
    // heartbeat (loop thread)
    private long lastSeen;
    /** A heartbeat ping is out and nothing has come from the peer since. */
    private boolean pingUnanswered;

    private WsConnection(WsSettings options, NettyLoop loop) {
        this.options = options;
        this.loop = loop;
    }

    // ---- setup

    /** The handlers of an open WebSocket in pipeline order, and their names; the last is the connection. */
    public record Handlers(WsConnection connection, String[] names, ChannelHandler[] handlers) {
    }

    /**
     * A frame machine with {@code settings} and the handlers it needs before it: Netty's frame encoder (masking on the
     * client), decoder (expecting masked frames on the server, unmasked ones on the client), the inflater when
     * permessage-deflate is on ({@code deflate}).
     */
    public static Handlers handlers(WsSettings settings, @Nullable Deflate deflate, NettyLoop loop) {
        WsConnection ws = new WsConnection(settings, loop);
        WebSocketDecoderConfig config = decoderConfig(settings, deflate != null);
        WebSocket13FrameEncoder encoder = settings.client() ? new WebSocket13FrameEncoder(SecureMasks.INSTANCE)
                : ServerFrameEncoder.INSTANCE;
        ChannelHandler[] handlers = deflate == null
                ? new ChannelHandler[] {encoder, new WebSocket13FrameDecoder(config), ws}
                : new ChannelHandler[] {encoder, new WebSocket13FrameDecoder(config), new Inflating(deflate), ws};
        // The encoder comes first: the decoder writes its close frames through it.
        String[] names = deflate == null ? new String[] {NAMES[1], NAMES[0], NAMES[3]}
                : new String[] {NAMES[1], NAMES[0], NAMES[2], NAMES[3]};
        return new Handlers(ws, names, handlers);
    }

    /** The decoder settings last built: sockets with the same options share them (they are immutable). */
    private static volatile @Nullable WebSocketDecoderConfig lastConfig;

    private static WebSocketDecoderConfig decoderConfig(WsSettings settings, boolean extensions) {
        WebSocketDecoderConfig c = lastConfig;
        if (c != null && c.maxFramePayloadLength() == settings.maxMessageBytes()
                && c.expectMaskedFrames() == !settings.client() && c.allowExtensions() == extensions) {
            return c;
        }
        c = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxMessageBytes())
                .expectMaskedFrames(!settings.client())
                .allowMaskMismatch(false)
                .allowExtensions(extensions)
                .closeOnProtocolViolation(false) // exceptionCaught answers, also to a bad close frame
                .build();
        lastConfig = c;
        return c;
    }

    /**
     * The server's frame encoder, one for all sockets: it does not mask, and Netty's encoder keeps no state of its own
     * between frames, so it may be shared (an idle socket is one object lighter).
     */
    @ChannelHandler.Sharable
    private static final class ServerFrameEncoder extends WebSocket13FrameEncoder {
        static final ServerFrameEncoder INSTANCE = new ServerFrameEncoder();

        private ServerFrameEncoder() {
            super(false);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (options.heartbeatOn()) {
            lastSeen = loop.nanoTime();
            schedule(this::heartbeat, options.heartbeat().toNanos());
        }
    }

    // ---- reading

    /** The next message; see {@code WebSocketResponse.receive}. Any thread. */
    public CompletionStage<WsMessage> receive() {
        CompletableFuture<WsMessage> r = new CompletableFuture<>();
        WsMessage m = take(r);
        if (m != null) {
            r.complete(m);
        }
        return r;
    }

    /**
     * Reads every message with {@code handler}; see {@code WebSocket.forEach}, whose loop this is without a stage per
     * message: the loop waits in the reader slot itself. Any thread.
     */
    public CompletionStage<Void> forEach(WebSocket.MessageHandler handler) {
        MessageLoop loop = new MessageLoop(handler);
        loop.next();
        return loop;
    }

    /**
     * A message at hand for a new reader: the next queued one, else {@code CLOSED} or {@code CLOSING} by the state;
     * or null when there is none yet, and then {@code waiting} is the reader until one comes.
     *
     * @throws IllegalStateException if another reader is waiting
     */
    private @Nullable WsMessage take(Object waiting) {
        synchronized (this) {
            if (reader != null) {
                throw new IllegalStateException("concurrent receive calls are not allowed: a receive() is pending"
                        + " already; read from one task and hand messages to others");
            }
            ArrayDeque<WsMessage> box = inbox;
            if (box != null && !box.isEmpty()) {
                WsMessage m = box.poll();
                if (box.size() == MAX_INBOX / 2 && ctx != null) {
                    ctx.channel().config().setAutoRead(true);
                }
                return m;
            }
            if (closed) {
                return WsMessage.CLOSED;
            }
            if (closeSent && !finalPending) {
                return WsMessage.CLOSING;
            }
            reader = waiting;
            return null;
        }
    }

    /** The next message, or a {@link TimeoutException} after {@code timeout}; the socket stays open. Any thread. */
    public CompletionStage<WsMessage> receive(Duration timeout) {
        CompletableFuture<WsMessage> r = receive().toCompletableFuture();
        if (r.isDone() || ctx == null) {
            return r;
        }
        Timer t = loop.deadline(ctx.executor(), timeout.toNanos(), () -> {
            synchronized (this) {
                if (reader != r) {
                    return;
                }
                reader = null;
            }
            r.completeExceptionally(new ReceiveTimeout("no message within " + timeout.toMillis() + " ms"));
        });
        r.whenComplete((m, e) -> t.cancel());
        return r;
    }

    /** Hands {@code m} to the waiting reader, or queues it (and stops reading when the queue is full). */
    private void deliver(WsMessage m) {
        Object r;
        synchronized (this) {
            if (m instanceof WsMessage.Close || m instanceof WsMessage.Error) {
                finalPending = false;
            }
            r = reader;
            if (r == null) {
                ArrayDeque<WsMessage> box = inbox;
                if (box == null) {
                    box = inbox = new ArrayDeque<>(4);
                }
                box.add(m);
                if (box.size() >= MAX_INBOX) {
                    ctx.channel().config().setAutoRead(false);
                }
                return;
            }
            reader = null;
        }
        hand(r, m);
    }

    /** Wakes a waiting reader with a state message ({@code CLOSING}, {@code CLOSED}); queues nothing. */
    private void wake(WsMessage state) {
        Object r;
        synchronized (this) {
            r = reader;
            reader = null;
        }
        if (r != null) {
            hand(r, state);
        }
    }

    /** Gives {@code m} to {@code reader}, which has left the reader slot. */
    @SuppressWarnings("unchecked")
    private static void hand(Object reader, WsMessage m) {
        if (reader instanceof MessageLoop loop) {
            loop.delivered(m);
        } else {
            ((CompletableFuture<WsMessage>) reader).complete(m);
        }
    }

    /**
     * The loop of {@link #forEach}, and the stage it returns: it reads without recursion while messages are queued,
     * waits in the reader slot otherwise, and waits for the handler's stage before reading on. It ends on a message
     * that {@link WsMessage#isClose() closes}, and fails with what the handler or its stage threw.
     */
    private final class MessageLoop extends CompletableFuture<Void> implements BiConsumer<Object, Throwable> {
        private final WebSocket.MessageHandler handler;

        MessageLoop(WebSocket.MessageHandler handler) {
            this.handler = handler;
        }

        /** Handles the messages at hand, then waits as the reader. */
        void next() {
            try {
                WsMessage m;
                while ((m = take(this)) != null) {
                    if (!handle(m)) {
                        return;
                    }
                }
            } catch (Throwable t) {
                completeExceptionally(t);
            }
        }

        /** A message for the waiting loop. */
        void delivered(WsMessage m) {
            if (handle(m)) {
                next();
            }
        }

        /** Handles one message; true to read on now, false when done or when the handler's stage resumes later. */
        private boolean handle(WsMessage m) {
            if (m.isClose()) {
                complete(null);
                return false;
            }
            CompletionStage<?> s;
            try {
                s = handler.onMessage(m);
            } catch (Throwable t) {
                completeExceptionally(t);
                return false;
            }
            if (s == null) {
                return true;
            }
            CompletableFuture<?> f = s.toCompletableFuture();
            if (f.isDone() && !f.isCompletedExceptionally()) {
                return true;
            }
            f.whenComplete(this);
            return false;
        }

        /** The handler's stage completed. */
        @Override
        public void accept(@Nullable Object value, @Nullable Throwable error) {
            if (error != null) {
                completeExceptionally(error);
            } else {
                next();
            }
        }
    }

    // ---- frames in

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg); // the end of the upgrade request, from the removed HTTP decoder
            return;
        }
        try {
            if (options.heartbeatOn()) {
                lastSeen = loop.nanoTime();
                pingUnanswered = false;
            }
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                data(frame);
            } else if (frame instanceof ContinuationWebSocketFrame) {
                continuation(frame);
            } else if (frame instanceof PingWebSocketFrame) {
                if (options.autoping()) {
                    if (!closeSent) {
                        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
                    }
                } else {
                    deliver(new WsMessage.Ping(ByteBufUtil.getBytes(frame.content())));
                }
            } else if (frame instanceof PongWebSocketFrame) {
                if (!options.autoping()) {
                    deliver(new WsMessage.Pong(ByteBufUtil.getBytes(frame.content())));
                }
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeFrame(close);
            }
        } finally {
            frame.release();
        }
    }

    // Text is checked here, not by Netty's Utf8FrameValidator: one handler less per socket, and ASCII is checked
    // eight bytes at a time rather than through a byte processor. As that validator did, it checks before anything
    // else (even text dropped while closing, or a message about to be too big) and fails a bad fragment at once.

    private void data(WebSocketFrame frame) {
        boolean text = frame instanceof TextWebSocketFrame;
        boolean last = frame.isFinalFragment();
        if (text && last && !closeSent) {
            String s = Utf8.decode(frame.content()); // checked and decoded in one copy
            if (s == null) {
                notUtf8();
            } else {
                deliver(new WsMessage.Text(s));
            }
            return;
        }
        if (text) {
            int state = Utf8.check(frame.content(), Utf8.BOUNDARY);
            if (state == Utf8.INVALID || (last && state != Utf8.BOUNDARY)) {
                notUtf8();
                return;
            }
            checkingText = !last;
            utf8 = state;
        }
        if (closeSent) {
            return; // closing: data is dropped until the peer's close frame
        }
        if (last) {
            deliver(message(false, frame.content()));
            return;
        }
        partialText = text;
        partial = ctx.alloc().compositeBuffer(64);
        partial.addComponent(true, frame.content().retain());
    }

    private void continuation(WebSocketFrame frame) {
        if (checkingText) {
            int state = Utf8.check(frame.content(), utf8);
            if (frame.isFinalFragment()) {
                checkingText = false;
            }
            if (state == Utf8.INVALID || (frame.isFinalFragment() && state != Utf8.BOUNDARY)) {
                checkingText = false;
                notUtf8();
                return;
            }
            utf8 = state;
        }
        CompositeByteBuf p = partial;
        if (p == null || closeSent) {
            return; // Netty's decoder refuses orphan continuations; here only after closing
        }
        if ((long) p.readableBytes() + frame.content().readableBytes() > options.maxMessageBytes()) {
            fail(WsCloseCode.MESSAGE_TOO_BIG, "a message of more than " + options.maxMessageBytes() + " bytes");
            return;
        }
        p.addComponent(true, frame.content().retain());
        if (frame.isFinalFragment()) {
            partial = null;
            try {
                deliver(message(partialText, p));
            } finally {
                p.release();
            }
        }
    }

    /** Text that is not UTF-8 (RFC 6455 §8.1). */
    private void notUtf8() {
        fail(WsCloseCode.INVALID_TEXT, "bytes are not UTF-8");
    }

    private static WsMessage message(boolean text, ByteBuf content) {
        return text ? new WsMessage.Text(content.toString(StandardCharsets.UTF_8))
                : new WsMessage.Binary(ByteBufUtil.getBytes(content));
    }

    private void closeFrame(CloseWebSocketFrame frame) {
        closeReceived = true;
        int code = frame.statusCode() < 0 ? WsCloseCode.NO_STATUS_RECEIVED : frame.statusCode();
        if (frame.statusCode() >= 0 && !WsCloseCode.isSendable(frame.statusCode())) {
            // Netty accepts any code from 3000 up; RFC 6455 §7.4 ends at 4999.
            fail(WsCloseCode.PROTOCOL_ERROR, "invalid close code " + frame.statusCode());
            return;
        }
        if (closeSent) {
            closeTcp(); // the peer answered our close (RFC 6455 §7.1.1)
            return;
        }
        closeCode = code;
        if (options.autoclose()) {
            finalPending = true;
            closeSent = true;
            // Echo the code (RFC 6455 §5.5.1); a close frame without a code is answered without one.
            CloseWebSocketFrame reply = frame.statusCode() < 0 ? new CloseWebSocketFrame()
                    : new CloseWebSocketFrame(frame.statusCode(), null);
            ctx.writeAndFlush(reply);
            closeTcp();
        }
        deliver(new WsMessage.Close(code, frame.reasonText() == null ? "" : frame.reasonText()));
    }

    // ---- sending

    /** Sends a text message. Any thread; completes when the frame has been written to the socket. */
    public CompletionStage<Void> sendText(String text) {
        ChannelHandlerContext c = ctx;
        if (c.executor().inEventLoop()) {
            // On the loop (a reader answering a message): no task and no frame factory to allocate.
            Sent done = new Sent();
            if (writable(done)) {
                c.writeAndFlush(textFrame(c.alloc(), text)).addListener(done);
            }
            return done;
        }
        return send(alloc -> textFrame(alloc, text));
    }

    /**
     * A text message as the frame to write. The server's frames are not masked, so it writes the frame's bytes itself:
     * header and UTF-8 in one buffer, which Netty's frame encoder lets through as it is, instead of a payload buffer,
     * a frame object, and the encoder's copy of both into another buffer. The client's frames go through the encoder,
     * which masks them.
     */
    private Object textFrame(ByteBufAllocator alloc, String text) {
        if (options.client()) {
            return new TextWebSocketFrame(ByteBufUtil.writeUtf8(alloc, text));
        }
        // The payload goes after room for the longest header; the header, known once the payload is, goes right
        // before it (RFC 6455 §5.2: FIN and opcode 1, then a 7-bit, 16-bit or 64-bit length, no mask).
        ByteBuf buf = alloc.buffer(MAX_SERVER_HEADER + ByteBufUtil.utf8MaxBytes(text));
        buf.writerIndex(MAX_SERVER_HEADER);
        int n = ByteBufUtil.writeUtf8(buf, text);
        int start;
        if (n < 126) {
            start = MAX_SERVER_HEADER - 2;
            buf.setByte(start + 1, n);
        } else if (n < 65536) {
            start = MAX_SERVER_HEADER - 4;
            buf.setByte(start + 1, 126);
            buf.setShort(start + 2, n);
        } else {
            start = 0;
            buf.setByte(1, 127);
            buf.setLong(2, n);
        }
        buf.setByte(start, 0x81);
        buf.readerIndex(start);
        return buf;
    }

    /** Sends a binary message. Any thread. */
    public CompletionStage<Void> sendBytes(byte[] data) {
        return send(alloc -> new BinaryWebSocketFrame(io.netty.buffer.Unpooled.wrappedBuffer(data)));
    }

    /** Sends a ping. Any thread. */
    public CompletionStage<Void> ping(byte[] data) {
        checkControl(data);
        return send(alloc -> new PingWebSocketFrame(io.netty.buffer.Unpooled.wrappedBuffer(data)));
    }

    /** Sends a pong. Any thread. */
    public CompletionStage<Void> pong(byte[] data) {
        checkControl(data);
        return send(alloc -> new PongWebSocketFrame(io.netty.buffer.Unpooled.wrappedBuffer(data)));
    }

    private static void checkControl(byte[] data) {
        if (data.length > 125) {
            throw new IllegalArgumentException("a ping or pong carries at most 125 bytes, got " + data.length);
        }
    }

    private CompletionStage<Void> send(Function<ByteBufAllocator, Object> frame) {
        Sent done = new Sent();
        onLoop(() -> {
            if (writable(done)) {
                ctx.writeAndFlush(frame.apply(ctx.alloc())).addListener(done);
            }
        });
        return done;
    }

    /** Whether a frame may be sent now (loop thread); if not, fails {@code done} saying why. */
    private boolean writable(Sent done) {
        if (closeSent || closed || !ctx.channel().isActive()) {
            done.completeExceptionally(new WebSocketException("the WebSocket is " + (closed ? "closed" : "closing"),
                    closeCode));
            return false;
        }
        return true;
    }

    /** A send's stage, completed by its write's outcome: it is the write's listener, so a send allocates one less. */
    private static final class Sent extends CompletableFuture<Void> implements ChannelFutureListener {
        @Override
        public void operationComplete(ChannelFuture f) {
            if (f.isSuccess()) {
                complete(null);
            } else {
                completeExceptionally(new WebSocketException("the frame could not be sent: " + f.cause(),
                        WsCloseCode.ABNORMAL_CLOSURE));
            }
        }
    }

    private void onLoop(Runnable task) {
        EventExecutor executor = ctx.executor();
        if (executor.inEventLoop()) {
            task.run();
        } else {
            executor.execute(task);
        }
    }

    // ---- closing

    /**
     * Starts the close handshake with {@code code} and {@code reason} (ignored when closing already); completes when
     * the connection is closed: the peer answered, or the close timeout passed. Any thread.
     */
    public CompletionStage<Void> close(int code, String reason) {
        if (!WsCloseCode.isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 §7.4)");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason is at most 123 bytes of UTF-8");
        }
        CompletionStage<Void> done = closedStage();
        onLoop(() -> startClose(code, reason));
        return done;
    }

    /** Completes when the connection is closed. Any thread. */
    public synchronized CompletionStage<Void> closedStage() {
        if (closedFuture == null) {
            closedFuture = closed ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }
        return closedFuture;
    }

    private void startClose(int code, String reason) {
        if (closeSent || closed) {
            return;
        }
        closeSent = true;
        if (closeCode == 0) {
            closeCode = code;
        }
        wake(WsMessage.CLOSING);
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason));
        if (closeReceived) {
            closeTcp(); // autoclose off: the peer closed first
            return;
        }
        cancelTimer();
        schedule(() -> {
            exception = new WebSocketException("no close frame from the peer within "
                    + options.closeTimeout().toMillis() + " ms", WsCloseCode.ABNORMAL_CLOSURE);
            closeCode = WsCloseCode.ABNORMAL_CLOSURE;
            ctx.close();
        }, options.closeTimeout().toNanos());
    }

    /**
     * Ends the TCP connection once both close frames are out or this side failed the connection. The server closes
     * it at once (after the pending writes); the client waits for the server to close it, for at most the close
     * timeout (RFC 6455 §7.1.1: the server closes first, so that it, not the client, holds TIME_WAIT).
     */
    private void closeTcp() {
        if (!options.client()) {
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        cancelTimer();
        schedule(() -> {
            timer = null;
            ctx.close();
        }, options.closeTimeout().toNanos());
    }

    /** Closes with 1001 (the server stops); completes when the close frame is on its way. Any thread. */
    public CompletionStage<Void> goingAway() {
        CompletableFuture<Void> written = new CompletableFuture<>();
        onLoop(() -> {
            startClose(WsCloseCode.GOING_AWAY, "server shutdown");
            written.complete(null);
        });
        return written;
    }

    /** The server's handler is done ({@code error} if it failed): close with 1000 or 1011. Any thread. */
    public void finished(@Nullable Throwable error) {
        onLoop(() -> startClose(error == null ? WsCloseCode.OK : WsCloseCode.INTERNAL_ERROR,
                error == null ? "" : "handler failed"));
    }

    /** Whether the connection is closed. Any thread. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether this side has started closing (or is closed). Any thread. */
    public boolean isClosing() {
        return closeSent || closed;
    }

    /** The close code, or 0 while open. Any thread. */
    public int closeCode() {
        return closeCode;
    }

    /** The failure that closed the socket, or null. Any thread. */
    public @Nullable WebSocketException exception() {
        return exception;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        cancelTimer();
        CompositeByteBuf p = partial;
        partial = null;
        if (p != null) {
            p.release();
        }
        if (closeCode == 0) {
            closeCode = WsCloseCode.ABNORMAL_CLOSURE;
        }
        wake(WsMessage.CLOSED);
        CompletableFuture<Void> f;
        synchronized (this) {
            f = closedFuture;
            if (f == null) {
                closedFuture = CompletableFuture.completedFuture(null);
            }
        }
        if (f != null) {
            f.complete(null);
        }
        ctx.fireChannelInactive(); // the HTTP connection behind unregisters
    }

    // ---- heartbeat

    private void heartbeat() {
        timer = null;
        if (closeSent || closed) {
            return;
        }
        long now = loop.nanoTime();
        long every = options.heartbeat().toNanos();
        if (pingUnanswered) {
            exception = new WebSocketException("no pong within " + options.heartbeat().toMillis() / 2
                    + " ms of a heartbeat ping", WsCloseCode.ABNORMAL_CLOSURE);
            closeCode = WsCloseCode.ABNORMAL_CLOSURE;
            closeSent = true;
            deliver(new WsMessage.Error(exception));
            ctx.close(); // 1006: no close frame, as aiohttp
            return;
        }
        long idle = now - lastSeen;
        if (idle < every) {
            schedule(this::heartbeat, every - idle);
            return;
        }
        pingUnanswered = true;
        ctx.writeAndFlush(new PingWebSocketFrame());
        schedule(this::heartbeat, every / 2);
    }

    private void schedule(Runnable task, long nanos) {
        timer = loop.deadline(ctx.executor(), nanos, task);
    }

    private void cancelTimer() {
        Timer t = timer;
        timer = null;
        if (t != null) {
            t.cancel();
        }
    }

    // ---- failures

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof CorruptedWebSocketFrameException corrupt) {
            // From Netty's decoder (which now drops every further byte) or UTF-8 validator.
            fail(corrupt.closeStatus().code(), String.valueOf(corrupt.getMessage()));
        } else if (c instanceof WsFailure f) {
            fail(f.code, String.valueOf(f.getMessage()));
        } else if (c instanceof IOException) {
            ctx.close();
        } else {
            LOG.debug("WebSocket error, closing {}", ctx.channel(), cause);
            fail(WsCloseCode.INTERNAL_ERROR, "internal error");
        }
    }

    /** A failure found here: close with {@code code} and tell the reader. */
    private void fail(int code, String message) {
        if (!closeSent) {
            finalPending = exception == null; // recordFailure below delivers the Error
            closeSent = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(code, message.length() > 100 ? message.substring(0, 100)
                    : message));
            closeTcp();
        } else if (!options.client()) {
            ctx.close();
        }
        recordFailure(code, message);
    }

    private void recordFailure(int code, String message) {
        if (exception == null) {
            exception = new WebSocketException(message, code);
            closeCode = code;
            deliver(new WsMessage.Error(exception));
        }
    }

    /** A receive that timed out (stackless: an outcome, not a bug). */
    private static final class ReceiveTimeout extends TimeoutException {
        private static final long serialVersionUID = 1L;

        ReceiveTimeout(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
