package dev.weft.internal.server;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * A request head as {@link RequestDecoder} built it, knowing which of the fields the server itself acts on
 * ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding}, {@code Expect}, {@code Connection},
 * {@code Upgrade}) it carries. The decoder notes each name as it splits it, so the checks and the exchange look up
 * only the fields that are there: most requests carry {@code Host} alone, and a lookup per field was most of what
 * reading a head cost after parsing it. A head from elsewhere counts as carrying all of them.
 */
final class DecodedHead extends DefaultHttpRequest {
    static final int HOST = 1;
    static final int CONTENT_LENGTH = 1 << 1;
    static final int TRANSFER_ENCODING = 1 << 2;
    static final int EXPECT = 1 << 3;
    static final int CONNECTION = 1 << 4;
    static final int UPGRADE = 1 << 5;
    private static final int ALL = HOST | CONTENT_LENGTH | TRANSFER_ENCODING | EXPECT | CONNECTION | UPGRADE;

    private int fields;
    /** How many {@code Host} fields the head has. */
    private int hosts;
    /** The {@code Host} value, once looked up. */
    private @Nullable String host;
    private boolean hostLooked;

    DecodedHead(HttpVersion version, HttpMethod method, String uri, HttpHeadersFactory headersFactory) {
        super(version, method, uri, headersFactory);
    }

    /** Whether {@code head} may carry {@code field} (one of the constants): false only when it surely does not. */
    static boolean mayHave(HttpRequest head, int field) {
        return ((head instanceof DecodedHead d ? d.fields : ALL) & field) != 0;
    }

    /** Notes a field name of this head, as the decoder splits it. */
    void noteField(AsciiString name) {
        int field = switch (name.length()) {
            case 4 -> HttpHeaderNames.HOST.contentEqualsIgnoreCase(name) ? HOST : 0;
            case 6 -> HttpHeaderNames.EXPECT.contentEqualsIgnoreCase(name) ? EXPECT : 0;
            case 7 -> HttpHeaderNames.UPGRADE.contentEqualsIgnoreCase(name) ? UPGRADE : 0;
            case 10 -> HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(name) ? CONNECTION : 0;
            case 14 -> HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name) ? CONTENT_LENGTH : 0;
            case 17 -> HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name) ? TRANSFER_ENCODING : 0;
            default -> 0;
        };
        fields |= field;
        if (field == HOST) {
            hosts++;
        }
    }

    /** How many {@code Host} fields the head has: the decoder counted them, so no list of them is made. */
    int hostCount() {
        return hosts;
    }

    /** The first {@code Host} value, or null: looked up once for the checks and routing both. */
    @Nullable String host() {
        if (!hostLooked) {
            hostLooked = true;
            host = hosts == 0 ? null : headers().get(HttpHeaderNames.HOST);
        }
        return host;
    }
}
