package dev.weft.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic credentials (RFC 7617), sent as {@code Authorization: Basic …} in UTF-8. */
public record BasicAuth(String login, String password) {
    public BasicAuth {
        if (login.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic auth login cannot contain ':' (RFC 7617 §2)");
        }
    }

    /** The {@code Authorization} header value. */
    public String encode() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicAuth[" + login + ", ***]";
    }
}
