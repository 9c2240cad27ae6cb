package dev.weft.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * Turns objects into JSON and back. Weft's default is {@link #jackson()}; an application may set its own with
 * {@code app.jsonCodec(codec)}. Implementations must be thread-safe.
 */
public interface JsonCodec {

    /** The default codec, backed by one shared Jackson {@code ObjectMapper}. */
    static JsonCodec jackson() {
        return JacksonCodec.DEFAULT;
    }

    /** Writes {@code value} as JSON to {@code out} (UTF-8). */
    void write(@Nullable Object value, OutputStream out) throws IOException;

    /** Reads a value of {@code type} (a class or a parameterised type) from UTF-8 JSON. */
    <T> T read(InputStream in, Type type) throws IOException;
}
