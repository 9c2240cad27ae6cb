package dev.weft.internal.web;

import dev.weft.json.JsonCodec;
import org.jspecify.annotations.Nullable;

/** A JSON body not yet encoded: the application's codec is used unless one was given. */
public record JsonBody(@Nullable Object value, @Nullable JsonCodec codec) {
}
