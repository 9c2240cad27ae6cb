package dev.weft.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/** A {@link JsonCodec} backed by a Jackson {@link ObjectMapper}. */
public final class JacksonCodec implements JsonCodec {
    static final JacksonCodec DEFAULT = new JacksonCodec(JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    private final ObjectMapper mapper;

    /** A codec over {@code mapper}, which the caller configures (and must not change afterwards). */
    public JacksonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void write(@Nullable Object value, OutputStream out) throws IOException {
        mapper.writeValue(out, value);
    }

    @Override
    public <T> T read(InputStream in, Type type) throws IOException {
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        return mapper.readValue(in, javaType);
    }
}
