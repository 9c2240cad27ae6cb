package dev.weft.internal.server;

import dev.weft.http.HttpTokens;
import io.netty.handler.codec.http.HttpVersion;

/** Checks of the request line (RFC 9112 §3). */
final class RequestLine {
    private RequestLine() {
    }

    static void checkMethod(String method) throws BadRequestException {
        if (!HttpTokens.isToken(method)) {
            throw new BadRequestException(400, "the method is not a token");
        }
    }

    static void checkTarget(String target) throws BadRequestException {
        if (target.isEmpty()) {
            throw new BadRequestException(400, "empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new BadRequestException(400, "control, space or non-ASCII character in the request target");
            }
        }
    }

    static HttpVersion version(String text) throws BadRequestException {
        if ("HTTP/1.1".equals(text)) {
            return HttpVersion.HTTP_1_1;
        }
        if ("HTTP/1.0".equals(text)) {
            return HttpVersion.HTTP_1_0;
        }
        if (text.length() == 8 && text.startsWith("HTTP/") && Character.isDigit(text.charAt(5))
                && text.charAt(6) == '.' && Character.isDigit(text.charAt(7))) {
            throw new BadRequestException(505, "HTTP version " + text + " is not supported");
        }
        throw new BadRequestException(400, "malformed HTTP version");
    }
}
