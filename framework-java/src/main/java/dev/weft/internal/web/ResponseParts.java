package dev.weft.internal.web;

import dev.weft.http.Cookie;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A response's parts as the engine encodes them. {@code body} is null, a {@code String}, a {@code byte[]} or a
 * {@link JsonBody}; {@code reason} is null for the standard phrase.
 */
public record ResponseParts(int status, @Nullable String reason, @Nullable String contentType, @Nullable Object body,
                            @Nullable HttpHeaders headers, @Nullable List<Cookie> cookies) {
}
