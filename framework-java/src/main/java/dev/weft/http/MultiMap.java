package dev.weft.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, ordered map from a name to one or more string values: query parameters and form fields.
 * Names compare exactly (case-sensitively), as in aiohttp's {@code MultiDict}.
 */
public final class MultiMap {
    private static final MultiMap EMPTY = new MultiMap(Map.of());
    private final Map<String, List<String>> values;

    private MultiMap(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The empty map. */
    public static MultiMap empty() {
        return EMPTY;
    }

    /** A map of single values, in the order of {@code values}' iteration. */
    public static MultiMap of(Map<String, String> values) {
        Builder b = builder();
        values.forEach(b::add);
        return b.build();
    }

    /** A builder that keeps insertion order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name}, or null. */
    public @Nullable String get(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.get(0);
    }

    /** The first value of {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** Every value of {@code name}, in order; empty if absent. */
    public List<String> getAll(String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : list;
    }

    /** Whether {@code name} is present. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The names, in first-seen order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Number of distinct names. */
    public int size() {
        return values.size();
    }

    /** Whether there are no names. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A read-only view: name to every value. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiMap m && m.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Builds a {@link MultiMap}; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a value to {@code name}. */
        public Builder add(String name, String value) {
            values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /** Number of values added so far, over all names. */
        public int valueCount() {
            int n = 0;
            for (List<String> l : values.values()) {
                n += l.size();
            }
            return n;
        }

        public MultiMap build() {
            if (values.isEmpty()) {
                return EMPTY;
            }
            Map<String, List<String>> frozen = new LinkedHashMap<>(values.size() * 2);
            values.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            return new MultiMap(Collections.unmodifiableMap(frozen));
        }
    }
}
