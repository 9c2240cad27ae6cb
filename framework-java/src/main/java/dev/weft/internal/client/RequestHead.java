package dev.weft.internal.client;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.AsciiString;
import java.util.Arrays;

/**
 * The header fields of one outgoing request, as name-value pairs in one array: what the encoder needs (the fields in
 * order) and no more. A request's headers are a handful, assembled once and written once, so a linear scan beats
 * hashing them into a map (Netty's {@code DefaultHttpHeaders}, which also allocates an entry per field and a
 * table). Names compare case-insensitively. The values given here were checked where they came from (the caller's
 * {@code Headers}, cookies and credentials are validated when set; the rest is the client's own), so the result is
 * not validated again. Event-loop thread only.
 */
final class RequestHead {
    /** Room for the four fields a request without options has (Host, Accept, Accept-Encoding, User-Agent). */
    private CharSequence[] pairs = new CharSequence[8];
    private int size;

    /** Appends a field. */
    void add(CharSequence name, CharSequence value) {
        if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, size * 2);
        }
        pairs[size++] = name;
        pairs[size++] = value;
    }

    /** Whether a field named {@code name} is present. */
    boolean contains(CharSequence name) {
        for (int i = 0; i < size; i += 2) {
            if (AsciiString.contentEqualsIgnoreCase(pairs[i], name)) {
                return true;
            }
        }
        return false;
    }

    /** Removes every field named {@code name}. */
    void remove(CharSequence name) {
        int to = 0;
        for (int i = 0; i < size; i += 2) {
            if (!AsciiString.contentEqualsIgnoreCase(pairs[i], name)) {
                pairs[to++] = pairs[i];
                pairs[to++] = pairs[i + 1];
            }
        }
        Arrays.fill(pairs, to, size, null);
        size = to;
    }

    /** Replaces the fields named {@code name} with one, at the end (as Netty's {@code set} does). */
    void set(CharSequence name, CharSequence value) {
        remove(name);
        add(name, value);
    }

    /** The fields as Netty headers for the request encoder (read-only, iterated in order without allocation). */
    HttpHeaders toNetty() {
        return new ReadOnlyHttpHeaders(false, size == pairs.length ? pairs : Arrays.copyOf(pairs, size));
    }
}
