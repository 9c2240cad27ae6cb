package dev.weft.internal.server;

import dev.weft.web.ServerLimits;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty's request decoder with the request-line checks it does not make: the method must be a token, the target
 * free of controls and spaces, the version exactly {@code HTTP/1.0} or {@code HTTP/1.1} (505 for another
 * {@code HTTP/x.y}, 400 for anything else). A failed check becomes a failed message that the connection answers.
 */
final class RequestDecoder extends HttpRequestDecoder {

    RequestDecoder(ServerLimits limits) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(limits.maxChunkBytes())
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)
                .setValidateHeaders(true)
                .setUseRfc9112TransferEncoding(true));
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) throws Exception {
        String method = initialLine[0];
        String target = initialLine[1];
        String version = initialLine[2];
        RequestLine.checkMethod(method);
        RequestLine.checkTarget(target);
        HttpVersion v = RequestLine.version(version);
        return new DefaultHttpRequest(v, HttpMethod.valueOf(method), target, headersFactory);
    }
}
