package dev.weft.internal.client;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import org.jspecify.annotations.Nullable;

/**
 * Netty's decompressor limited to gzip and deflate (what the client asks for in {@code Accept-Encoding}), switched
 * off per request when the session does not decompress. The size cap is enforced on its output by
 * {@link Exchange}, which counts decompressed bytes against {@code maxBodyBytes}.
 */
final class Inflater extends HttpContentDecompressor {
    boolean enabled = true;

    /** {@code maxBodyBytes} also caps what one compressed chunk may inflate to, so no chunk allocates past it. */
    Inflater(long maxBodyBytes) {
        super(false, (int) Math.min(Math.max(maxBodyBytes, 1), Integer.MAX_VALUE));
    }

    @Override
    protected @Nullable EmbeddedChannel newContentDecoder(String contentEncoding) throws Exception {
        if (!enabled) {
            return null;
        }
        String e = contentEncoding.trim();
        if (e.equalsIgnoreCase("gzip") || e.equalsIgnoreCase("x-gzip") || e.equalsIgnoreCase("deflate")
                || e.equalsIgnoreCase("x-deflate")) {
            return super.newContentDecoder(e);
        }
        return null;
    }
}
