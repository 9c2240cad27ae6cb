package dev.weft.http;

import dev.weft.internal.http.NettyHeaders;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * HTTP header fields: names compare case-insensitively, a name may carry several values, and insertion order is kept.
 *
 * <p>Request headers are read-only; response headers are {@link MutableHeaders}. Not thread-safe: use from the loop
 * thread that handles the message.
 */
public interface Headers extends Iterable<Map.Entry<String, String>> {

    /** New, empty, mutable headers. */
    static MutableHeaders create() {
        return NettyHeaders.create();
    }

    /** The first value of {@code name}, or null if absent. */
    @Nullable String get(CharSequence name);

    /** The first value of {@code name}, or {@code fallback} if absent. */
    default String get(CharSequence name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    /** Every value of {@code name} in order; empty if absent. */
    List<String> getAll(CharSequence name);

    /** Whether {@code name} is present. */
    boolean contains(CharSequence name);

    /** Whether {@code name} has a value equal to {@code value}, ignoring case; comma-separated lists are split. */
    boolean containsValue(CharSequence name, CharSequence value);

    /** The distinct names present. */
    Set<String> names();

    /** Number of name/value pairs. */
    int size();

    /** Whether there are no headers. */
    default boolean isEmpty() {
        return size() == 0;
    }
}
