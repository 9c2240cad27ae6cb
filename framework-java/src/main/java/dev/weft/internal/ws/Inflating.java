package dev.weft.internal.ws;

import dev.weft.http.ws.WsCloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Inflates the client's compressed messages (permessage-deflate) and checks the RSV bits once the extension is on:
 * RSV1 only on the first frame of a data message, never RSV2/RSV3 (1002). The inflated size of a message counts
 * against {@code maxMessageBytes} while inflating, so a deflate bomb stops at the limit with 1009. Loop thread only.
 */
final class Inflating extends MessageToMessageDecoder<WebSocketFrame> {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    private static final int CHUNK = 8192;

    private final Deflate deflate;
    private @Nullable Inflater inflater;
    /** Inside a fragmented data message; {@code compressed}: it is a compressed one. */
    private boolean inMessage;
    private boolean compressed;
    private long inflated;

    Inflating(Deflate deflate) {
        super(WebSocketFrame.class);
        this.deflate = deflate;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        int rsv = frame.rsv();
        boolean data = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
        boolean continuation = frame instanceof ContinuationWebSocketFrame;
        if ((rsv & 0b011) != 0 || (rsv != 0 && !data)) {
            throw new WsFailure(WsCloseCode.PROTOCOL_ERROR, "RSV bits set that no extension negotiated");
        }
        if (!data && !continuation) {
            out.add(frame.retain()); // a control frame
            return;
        }
        if (data) {
            compressed = rsv != 0;
            inflated = 0;
        }
        inMessage = !frame.isFinalFragment();
        if (!compressed) {
            out.add(frame.retain());
            return;
        }
        ByteBuf content = inflate(ctx, frame.content(), frame.isFinalFragment());
        WebSocketFrame plain = frame instanceof TextWebSocketFrame
                ? new TextWebSocketFrame(frame.isFinalFragment(), 0, content)
                : frame instanceof BinaryWebSocketFrame
                ? new BinaryWebSocketFrame(frame.isFinalFragment(), 0, content)
                : new ContinuationWebSocketFrame(frame.isFinalFragment(), 0, content);
        out.add(plain);
    }

    private ByteBuf inflate(ChannelHandlerContext ctx, ByteBuf in, boolean last) {
        Inflater inf = inflater;
        if (inf == null) {
            inf = inflater = new Inflater(true);
        }
        ByteBuf out = ctx.alloc().heapBuffer(Math.min(CHUNK, Math.max(64, in.readableBytes() * 2)));
        try {
            feed(inf, in.nioBuffer(), out);
            if (last) {
                feed(inf, ByteBuffer.wrap(TAIL), out);
                if (deflate.clientNoContext()) {
                    inf.end();
                    inflater = null;
                }
            }
            return out;
        } catch (RuntimeException | DataFormatException e) {
            out.release();
            end();
            if (e instanceof WsFailure f) {
                throw f;
            }
            throw new WsFailure(WsCloseCode.PROTOCOL_ERROR,
                    "invalid compressed data: " + e.getMessage());
        }
    }

    private void feed(Inflater inf, ByteBuffer input, ByteBuf out) throws DataFormatException {
        inf.setInput(input);
        while (true) {
            if (!out.isWritable()) {
                out.ensureWritable(CHUNK);
            }
            ByteBuffer dst = out.nioBuffer(out.writerIndex(), out.writableBytes());
            int n = inf.inflate(dst);
            out.writerIndex(out.writerIndex() + n);
            inflated += n;
            if (inflated > deflate.maxMessageBytes()) {
                throw new WsFailure(WsCloseCode.MESSAGE_TOO_BIG, "the message inflates to more than "
                        + deflate.maxMessageBytes() + " bytes");
            }
            if (n == 0 && (inf.needsInput() || inf.finished() || inf.needsDictionary())) {
                if (inf.finished()) {
                    inf.reset(); // a final deflate block (BFINAL): the next message starts a new stream
                }
                return;
            }
        }
    }

    private void end() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        end();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        end();
        super.channelInactive(ctx);
    }
}
