package dev.weft.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/** What an {@link EmbeddedChannel} wrote: the benchmarks' setups check it, and their frames are made with it. */
final class Outbound {
    private Outbound() {
    }

    /** Every byte {@code channel} has written so far, in one unpooled buffer; the messages read are released. */
    static ByteBuf read(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            if (o instanceof ByteBuf b) {
                all.writeBytes(b);
            }
            ReferenceCountUtil.release(o);
        }
        return all;
    }

    /** {@link #read} as an array. */
    static byte[] bytes(EmbeddedChannel channel) {
        return ByteBufUtil.getBytes(read(channel));
    }
}
