package dev.weft.internal.ws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * permessage-deflate (RFC 7692) as negotiated: the server accepts the first offer it can honour and inflates the
 * client's compressed messages ({@link Inflating}); it sends its own messages uncompressed, which the RFC allows
 * per message, so it keeps no compressor per socket. An idle socket holds no inflater either: one is made on the
 * first compressed message, and kept only when the client takes its context over from message to message.
 *
 * @param clientNoContext the client resets its compressor after each message: the inflater is dropped too
 * @param response        the {@code Sec-WebSocket-Extensions} value to answer with
 */
public record Deflate(boolean clientNoContext, int maxMessageBytes, String response) {

    /** The first acceptable permessage-deflate offer among the {@code Sec-WebSocket-Extensions} values, or null. */
    public static @Nullable Deflate negotiate(List<String> headers, int maxMessageBytes) {
        for (String header : headers) {
            for (String offer : splitOffers(header)) {
                Deflate d = accept(offer.trim(), maxMessageBytes);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private static List<String> splitOffers(String header) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(header.substring(start, i));
                start = i + 1;
            }
        }
        out.add(header.substring(start));
        return out;
    }

    private static @Nullable Deflate accept(String offer, int maxMessageBytes) {
        String[] parts = offer.split(";");
        if (!"permessage-deflate".equals(parts[0].trim())) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        boolean clientNoContext = false;
        StringBuilder response = new StringBuilder("permessage-deflate; server_no_context_takeover");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim();
            String value = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            if (!seen.add(name)) {
                return null; // a parameter twice: decline this offer (RFC 7692 §7)
            }
            switch (name) {
                case "server_no_context_takeover":
                    if (value != null) {
                        return null;
                    }
                    break; // answered always: this server never compresses with context
                case "client_no_context_takeover":
                    if (value != null) {
                        return null;
                    }
                    clientNoContext = true;
                    response.append("; client_no_context_takeover");
                    break;
                case "server_max_window_bits":
                    if (!windowBits(value)) {
                        return null;
                    }
                    response.append("; server_max_window_bits=").append(value);
                    break;
                case "client_max_window_bits":
                    if (value != null && !windowBits(value)) {
                        return null;
                    }
                    break; // not answered: the client may use up to 15 bits, which the inflater reads
                default:
                    return null;
            }
        }
        return new Deflate(clientNoContext, maxMessageBytes, response.toString());
    }

    private static @Nullable String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static boolean windowBits(@Nullable String v) {
        if (v == null || v.isEmpty() || v.length() > 2 || !v.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int bits = Integer.parseInt(v);
        return bits >= 8 && bits <= 15;
    }
}
