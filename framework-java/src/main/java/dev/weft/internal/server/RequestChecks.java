package dev.weft.internal.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a decoded request head that Netty's decoder leaves to us (RFC 9112 §6, RFC 9110 §7.2): message
 * framing (Content-Length and Transfer-Encoding) and {@code Host}. See {@code HOSTILE-INPUTS.md}, cases 1–4 and 13.
 */
final class RequestChecks {
    /** Digits in the largest Content-Length accepted: more would overflow a long. */
    static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    private RequestChecks() {
    }

    /** Null when the head is acceptable, else the refusal. */
    static @Nullable BadRequestException check(HttpRequest req) {
        HttpHeaders h = req.headers();
        boolean http11 = req.protocolVersion() == HttpVersion.HTTP_1_1;
        // Most requests carry neither: no lookup when the decoder saw no such field, no list unless it is there.
        List<String> te = DecodedHead.mayHave(req, DecodedHead.TRANSFER_ENCODING)
                ? h.getAll(HttpHeaderNames.TRANSFER_ENCODING) : List.of();
        List<String> cl = DecodedHead.mayHave(req, DecodedHead.CONTENT_LENGTH)
                ? h.getAll(HttpHeaderNames.CONTENT_LENGTH) : List.of();
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                return new BadRequestException(400, "both Content-Length and Transfer-Encoding");
            }
            if (!http11) {
                return new BadRequestException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            BadRequestException bad = checkTransferEncoding(te);
            if (bad != null) {
                return bad;
            }
        }
        if (cl.size() > 1) {
            return new BadRequestException(400, "more than one Content-Length");
        }
        if (cl.size() == 1 && parseContentLength(cl.get(0)) < 0) {
            return new BadRequestException(400, "invalid Content-Length");
        }
        int hostCount;
        String host;
        if (req instanceof DecodedHead d) { // counted while decoding: no list per request
            hostCount = d.hostCount();
            host = d.host();
        } else {
            List<String> hosts = h.getAll(HttpHeaderNames.HOST);
            hostCount = hosts.size();
            host = hostCount == 0 ? null : hosts.get(0);
        }
        if (http11 && hostCount == 0) {
            return new BadRequestException(400, "HTTP/1.1 request without Host");
        }
        if (hostCount > 1) {
            return new BadRequestException(400, "more than one Host");
        }
        if (host != null && !validHost(host)) {
            return new BadRequestException(400, "invalid Host");
        }
        return null;
    }

    private static @Nullable BadRequestException checkTransferEncoding(List<String> values) {
        String last = null;
        for (String v : values) {
            for (String coding : v.split(",")) {
                String c = coding.trim().toLowerCase(Locale.ROOT);
                if (c.isEmpty()) {
                    continue;
                }
                if (last != null && last.equals("chunked")) {
                    return new BadRequestException(400, "chunked is not the final transfer coding");
                }
                last = c;
            }
        }
        if (!"chunked".equals(last)) {
            return new BadRequestException(400, "the final transfer coding is not chunked");
        }
        for (String v : values) {
            for (String coding : v.split(",")) {
                String c = coding.trim().toLowerCase(Locale.ROOT);
                if (!c.isEmpty() && !c.equals("chunked")) {
                    boolean known = c.equals("gzip") || c.equals("deflate") || c.equals("compress")
                            || c.equals("x-gzip") || c.equals("x-compress");
                    return new BadRequestException(known ? 501 : 400, "transfer coding " + c + " is not supported");
                }
            }
        }
        return null;
    }

    /** The declared body length, or -1 for none (or chunked). Assumes {@link #check} passed. */
    static long contentLength(HttpRequest req) {
        if (!DecodedHead.mayHave(req, DecodedHead.CONTENT_LENGTH)) {
            return -1;
        }
        String v = req.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        return v == null ? -1 : parseContentLength(v);
    }

    /** Digits only (no sign, no list, no spaces inside), at most {@value #MAX_CONTENT_LENGTH_DIGITS}; else -1. */
    static long parseContentLength(String v) {
        String s = v.trim();
        if (s.isEmpty() || s.length() > MAX_CONTENT_LENGTH_DIGITS) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** uri-host [":" port] per RFC 3986: reg-name, IPv4 or a bracketed IPv6 literal. */
    static boolean validHost(String host) {
        String h = host.trim();
        if (h.isEmpty()) {
            return false; // an empty Host is allowed by RFC 9110 only for targets without authority; we refuse it
        }
        int end = h.length();
        if (h.charAt(0) == '[') {
            int close = h.indexOf(']');
            if (close < 0) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = h.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
            return close + 1 == end || (h.charAt(close + 1) == ':' && digits(h, close + 2, end));
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            if (!digits(h, colon + 1, end)) {
                return false;
            }
            end = colon;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (!regNameChar(h.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The characters of a reg-name (RFC 3986 §3.2.2: unreserved, sub-delims and the {@code %} of pct-encoded), as
     * bits of two longs: every request checks its Host character by character, and a set lookup there showed in
     * profiles where a table does not.
     */
    private static final long REG_NAME_LOW = bits(0, "-.!$&'()*+,;=%0123456789");
    private static final long REG_NAME_HIGH = bits(64, "_~ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static boolean regNameChar(char c) {
        return c < 64 ? (REG_NAME_LOW & (1L << c)) != 0 : c < 128 && (REG_NAME_HIGH & (1L << (c - 64))) != 0;
    }

    private static long bits(int base, String chars) {
        long bits = 0;
        for (int i = 0; i < chars.length(); i++) {
            int c = chars.charAt(i) - base;
            if (c >= 0 && c < 64) {
                bits |= 1L << c;
            }
        }
        return bits;
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to || to - from > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The path of an absolute-form target ({@code http://host/path}), or null when the target is not usable. */
    static @Nullable String originForm(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        int start = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (start < 0) {
            return null;
        }
        int slash = rawPath.indexOf('/', start);
        return slash < 0 ? "/" : rawPath.substring(slash);
    }
}
