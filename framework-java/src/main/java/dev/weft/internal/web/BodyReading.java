package dev.weft.internal.web;

import dev.weft.http.MediaTypes;
import dev.weft.http.MultiMap;
import dev.weft.http.UrlCodec;
import dev.weft.json.JsonCodec;
import dev.weft.web.HttpBadRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a whole request body becomes text, JSON or form fields; each failure the client caused is a 400 that says
 * what was wrong.
 */
final class BodyReading {
    /** How many form fields a urlencoded body may have (aiohttp has no limit; unbounded maps are a DoS). */
    static final int MAX_FORM_FIELD_COUNT = 10_000;

    private BodyReading() {
    }

    /** The charset named by {@code contentType}, UTF-8 when none is. */
    static Charset charset(@Nullable String contentType) {
        if (contentType != null) {
            int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                String name = contentType.substring(at + 8).split(";", 2)[0].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    throw new HttpBadRequest("400: unknown charset '" + name + "'");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static <T> T json(byte[] body, JsonCodec codec, Type type) {
        try {
            return codec.read(new ByteArrayInputStream(body), type);
        } catch (IOException e) {
            throw new HttpBadRequest("400: the body is not valid JSON for " + type.getTypeName());
        }
    }

    /** Whether {@code contentType} is a urlencoded form. */
    static boolean isForm(@Nullable String contentType) {
        return contentType != null && MediaTypes.FORM_URLENCODED.equals(MediaTypes.essence(contentType));
    }

    static MultiMap form(byte[] body, Charset charset) {
        try {
            return UrlCodec.parseQuery(new String(body, charset), MAX_FORM_FIELD_COUNT);
        } catch (IllegalArgumentException e) {
            throw new HttpBadRequest("400: malformed form body: " + e.getMessage());
        }
    }
}
