package dev.weft.internal.web.ws;

import dev.weft.http.Headers;
import dev.weft.internal.ws.Deflate;
import dev.weft.web.HttpException;
import dev.weft.web.Request;
import dev.weft.web.ws.WsOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a WebSocket opening handshake (RFC 6455 §4.2.1) that Netty's handshaker does not make strictly
 * ({@code HOSTILE-INPUTS.md} case 31): a GET over HTTP/1.1 without a body, {@code Upgrade: websocket},
 * {@code Connection: upgrade}, a key of 16 base64 bytes (else 400); version 13 (else 426 with
 * {@code Sec-WebSocket-Version: 13}); an allowed {@code Origin} when there is an allow-list (else 403). Then the
 * answer: the accept key, the subprotocol and whether permessage-deflate is on.
 */
public final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** What the server answers with 101. */
    public record Accepted(String accept, @Nullable String protocol, @Nullable Deflate deflate) {
    }

    private Handshake() {
    }

    /** The accepted handshake, or throws the {@link HttpException} to answer with. */
    public static Accepted check(Request req, WsOptions options) {
        Headers h = req.headers();
        if (!"GET".equals(req.method())) {
            throw bad("a WebSocket handshake is a GET request, not " + req.method());
        }
        if (!"HTTP/1.1".equals(req.version())) {
            throw bad("a WebSocket handshake needs HTTP/1.1");
        }
        if (req.hasBody()) {
            throw bad("a WebSocket handshake has no body");
        }
        if (!h.containsValue("Upgrade", "websocket")) {
            throw bad("no 'Upgrade: websocket' header");
        }
        if (!hasToken(h.getAll("Connection"), "upgrade")) {
            throw bad("no 'Connection: upgrade' header");
        }
        List<String> versions = h.getAll("Sec-WebSocket-Version");
        if (versions.isEmpty()) {
            throw bad("no Sec-WebSocket-Version header");
        }
        if (versions.size() != 1 || !"13".equals(versions.get(0).trim())) {
            throw new HttpException(426, "426: Upgrade Required\n\nthis server speaks WebSocket version 13")
                    .header("Sec-WebSocket-Version", "13");
        }
        List<String> keys = h.getAll("Sec-WebSocket-Key");
        if (keys.size() != 1 || !validKey(keys.get(0).trim())) {
            throw bad("Sec-WebSocket-Key must be 16 bytes in base64");
        }
        if (!options.allowedOrigins().isEmpty()) {
            String origin = h.get("Origin");
            if (origin == null || !options.allowedOrigins().contains(origin)) {
                throw new HttpException(403, "403: Forbidden\n\nthe origin of this WebSocket is not allowed");
            }
        }
        String protocol = null;
        if (!options.protocols().isEmpty()) {
            outer:
            for (String header : h.getAll("Sec-WebSocket-Protocol")) {
                for (String offered : header.split(",")) {
                    String p = offered.trim();
                    if (options.protocols().contains(p)) {
                        protocol = p;
                        break outer;
                    }
                }
            }
        }
        Deflate deflate = null;
        if (options.compress()) {
            deflate = Deflate.negotiate(h.getAll("Sec-WebSocket-Extensions"), options.maxMessageBytes());
        }
        return new Accepted(accept(keys.get(0).trim()), protocol, deflate);
    }

    private static HttpException bad(String why) {
        return new HttpException(400, "400: Bad Request\n\n" + why);
    }

    private static boolean hasToken(List<String> values, String token) {
        for (String v : values) {
            for (String t : v.split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean validKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
