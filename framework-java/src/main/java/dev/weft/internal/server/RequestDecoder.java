package dev.weft.internal.server;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.web.ServerLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Netty's request decoder (strict line parsing, validated header names and values, RFC 9112 transfer-encoding rules)
 * with the checks it does not make ({@code HOSTILE-INPUTS.md}). A failed check becomes a failed message, which the
 * connection answers with the exception's status and then closes; from then on every byte is dropped, so nothing
 * after a refused request (its body, say) is ever parsed as a request.
 *
 * <p>Section map:
 * <ul>
 *   <li>request line ({@link #createMessage}): the method must be a token, the target free of controls and spaces,
 *       the version exactly {@code HTTP/1.0} or {@code HTTP/1.1} (505 for another {@code HTTP/x.y}, 400 for
 *       anything else);</li>
 *   <li>header and trailer fields ({@link #splitHeaderName}): at most {@code maxHeaderCount} fields in each section
 *       (431), at most one {@code Content-Length} field (400; Netty merges duplicates on HTTP/1.0 requests);</li>
 *   <li>head bytes ({@link #decode}): obs-fold, a header line that starts with SP or HTAB, is refused (400; Netty
 *       would join it to the previous value); the head is scanned once, after Netty consumed it;</li>
 *   <li>read deadlines ({@link ReadTimeouts}): a head that takes longer than the header timeout from its first byte,
 *       or a body that pauses longer than the body idle timeout, becomes a failed message with status 408.</li>
 * </ul>
 * Loop thread only.
 */
public final class RequestDecoder extends HttpRequestDecoder {
    private static final byte LF = '\n';
    private static final String OBS_FOLD = "obs-fold: a header line starts with whitespace";
    /** Bytes held after a WebSocket upgrade request before reading pauses until the handler decides. */
    static final int MAX_HELD_BYTES = 64 * 1024;

    private final int maxHeaderCount;
    /** The head being decoded, which notes its field names; null between heads. */
    private @Nullable DecodedHead building;
    private final ReadTimeouts timeouts;
    private final ServerLimits limits;

    /** Between two messages or inside a request head; false inside a body (including its trailer section). */
    private boolean inHead = true;
    private boolean headStarted;
    /** The last head byte consumed so far was LF: a next byte SP or HTAB starts an obs-fold. */
    private boolean afterLf;
    private boolean folded;
    /** Fields in the current header or trailer section. */
    private int fieldCount;
    private int contentLengthCount;
    /** The framing is lost (a refused message, a deadline passed): every further byte is dropped. */
    private boolean discarding;
    private @Nullable ChannelHandlerContext ctx;
    /** The head of a WebSocket upgrade request has been decoded: see {@link #holding}. */
    private boolean upgradeHead;
    /**
     * A WebSocket upgrade request is complete: nothing after it is decoded. Either the handler upgrades (this decoder
     * is removed and hands the bytes to the frame decoder) or it answers otherwise and the connection closes. Frames
     * sent early are thus never read as requests, nor requests as frames.
     */
    private boolean holding;

    /** A decoder enforcing {@code limits}, its read deadlines on {@code loop}'s clock and timers. */
    public RequestDecoder(ServerLimits limits, NettyLoop loop) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(limits.maxChunkBytes())
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)
                .setValidateHeaders(true)
                // Also what DecodedHead relies on: without it Netty would add Connection: close to a head with both
                // Content-Length and Transfer-Encoding, a field the head never noted.
                .setUseRfc9112TransferEncoding(true));
        this.limits = limits;
        this.maxHeaderCount = limits.maxHeaderCount();
        this.timeouts = new ReadTimeouts(limits.headerTimeout(), limits.bodyIdleTimeout(), loop, this::expired);
    }

    // ---- request line

    @Override
    protected HttpMessage createMessage(String[] initialLine) throws Exception {
        String method = initialLine[0];
        String target = initialLine[1];
        String version = initialLine[2];
        RequestLine.checkMethod(method);
        RequestLine.checkTarget(target);
        HttpVersion v = RequestLine.version(version);
        fieldCount = 0;
        contentLengthCount = 0;
        building = new DecodedHead(v, HttpMethod.valueOf(method), target, headersFactory);
        return building;
    }

    // ---- header and trailer fields

    @Override
    protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
        if (++fieldCount > maxHeaderCount) {
            throw new BadRequestException(431, "more than " + maxHeaderCount + (inHead ? " header" : " trailer")
                    + " fields");
        }
        AsciiString name = super.splitHeaderName(sb, start, length);
        if (inHead && building != null) {
            building.noteField(name);
        }
        if (inHead && length == HttpHeaderNames.CONTENT_LENGTH.length()
                && name.contentEqualsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH) && ++contentLengthCount > 1) {
            throw new BadRequestException(400, "more than one Content-Length field");
        }
        return name;
    }

    // ---- head bytes and message boundaries

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (holding) {
            if (in.readableBytes() > MAX_HELD_BYTES) {
                ctx.channel().config().setAutoRead(false); // the upgrade's handler is slow: the client waits
            }
            return;
        }
        this.ctx = ctx;
        boolean head = inHead;
        if (head && !headStarted && in.isReadable() && !isCrOrLf(in.getByte(in.readerIndex()))) {
            // Empty lines before a request line (RFC 9112 §2.2) do not start the head deadline.
            headStarted = true;
            timeouts.headStarted(ctx);
        }
        int from = in.readerIndex();
        int firstOut = out.size();
        super.decode(ctx, in, out);
        int to = in.readerIndex();
        if (head && to > from) {
            scanHead(in, from, to);
        }
        for (int i = firstOut; i < out.size() && !discarding; i++) {
            Object o = out.get(i);
            // The usual messages first, by class and by identity: asking a message in turn whether it is each of
            // several interfaces makes the JVM (before 23) scan its interface list again at every change of
            // question, and that showed as a tenth of the loop thread's time under pipelined load.
            HttpObject msg;
            boolean request;
            boolean last;
            if (o instanceof DecodedHead d) {
                msg = d;
                request = true;
                last = false;
            } else if (o == LastHttpContent.EMPTY_LAST_CONTENT) {
                msg = LastHttpContent.EMPTY_LAST_CONTENT;
                request = false;
                last = true;
            } else if (o instanceof HttpObject h) {
                msg = h;
                request = h instanceof HttpRequest;
                last = h instanceof LastHttpContent;
            } else {
                continue;
            }
            if (request) {
                HttpRequest req = (HttpRequest) msg;
                building = null;
                headEnded(req);
                upgradeHead = Exchange.wantsWebSocket(req);
            }
            if (last) {
                bodyEnded();
                if (upgradeHead) {
                    holding = true;
                    while (out.size() > i + 1) {
                        ReferenceCountUtil.release(out.remove(out.size() - 1));
                    }
                    break;
                }
            }
            if (msg.decoderResult().isFailure()) {
                discard(in);
                while (out.size() > i + 1) { // nothing after a refused message (a body-less request's last content)
                    ReferenceCountUtil.release(out.remove(out.size() - 1));
                }
            }
        }
        if (discarding) {
            return;
        }
        if (inHead && folded) {
            // The head is not complete yet, but it is refused already.
            out.add(failedHead(new BadRequestException(400, OBS_FOLD)));
            discard(in);
        } else if (!inHead && to > from) {
            timeouts.bodyProgress(ctx);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (discarding || holding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        super.decodeLast(ctx, in, out);
    }

    /**
     * Looks for an LF followed by SP or HTAB in the head bytes Netty just consumed, {@code in[from, to)}: from LF to
     * LF with {@link ByteBuf#indexOf}, which compares eight bytes at a time, rather than a call per byte.
     */
    private void scanHead(ByteBuf in, int from, int to) {
        if (afterLf && isSpaceOrTab(in.getByte(from))) {
            folded = true;
            return;
        }
        if (folded) {
            return;
        }
        for (int lf = in.indexOf(from, to, LF); lf >= 0 && lf + 1 < to; lf = in.indexOf(lf + 1, to, LF)) {
            if (isSpaceOrTab(in.getByte(lf + 1))) {
                folded = true;
                return;
            }
        }
        afterLf = in.getByte(to - 1) == LF;
    }

    private static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isCrOrLf(byte b) {
        return b == '\r' || b == '\n';
    }

    private void headEnded(HttpRequest req) {
        if (folded && req.decoderResult().isSuccess()) {
            req.setDecoderResult(DecoderResult.failure(new BadRequestException(400, OBS_FOLD)));
        }
        inHead = false;
        headStarted = false;
        afterLf = false;
        folded = false;
        fieldCount = 0; // the trailer section counts on its own
        timeouts.headEnded();
    }

    private void bodyEnded() {
        inHead = true;
        fieldCount = 0;
        contentLengthCount = 0;
        timeouts.bodyEnded();
    }

    private void discard(ByteBuf in) {
        discarding = true;
        timeouts.stop();
        in.skipBytes(in.readableBytes());
    }

    private HttpMessage failedHead(BadRequestException cause) {
        HttpMessage m = createInvalidMessage();
        m.setDecoderResult(DecoderResult.failure(cause));
        return m;
    }

    // ---- read deadlines

    /** A deadline passed: refuse the request in progress with 408, as if the decoder had failed it. */
    private void expired(boolean head) {
        ChannelHandlerContext c = ctx;
        if (c == null || discarding) {
            return;
        }
        discarding = true;
        timeouts.stop();
        Object msg;
        if (head) {
            msg = failedHead(new BadRequestException(408, "the request head took longer than "
                    + limits.headerTimeout().toMillis() + " ms"));
        } else {
            LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            last.setDecoderResult(DecoderResult.failure(new BadRequestException(408,
                    "the request body paused for longer than " + limits.bodyIdleTimeout().toMillis() + " ms")));
            msg = last;
        }
        c.fireChannelRead(msg);
        c.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        timeouts.stop();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        timeouts.stop();
        super.handlerRemoved0(ctx);
    }
}
