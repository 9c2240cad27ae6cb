package dev.weft.internal.ws;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 checks of WebSocket text (RFC 6455 §8.1: a text message that is not UTF-8 fails the connection with
 * 1007), by the well-formed byte sequences of RFC 3629 §4: no overlong forms, no surrogates, nothing past U+10FFFF.
 * A message may be checked in pieces (its fragments, as they arrive), so a bad byte fails it at once, not when the
 * message ends. ASCII, the common case, is checked eight bytes at a time. Loop thread only (a scratch array per
 * thread).
 *
 * <p>A state is {@link #BOUNDARY} between characters, {@link #INVALID} once a bad byte was seen, or else how many
 * continuation bytes the character in progress still needs (bits 0-1) and the range its next byte must be in (bits
 * 8-15 and 16-23).
 */
final class Utf8 {
    static final int BOUNDARY = 0;
    static final int INVALID = -1;
    /** Messages up to this size are copied into the thread's scratch array to be checked and decoded. */
    private static final int SCRATCH_BYTES = 8 * 1024;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** The text of a whole message in {@code content}, or null if it is not UTF-8. */
    static String decode(ByteBuf content) {
        int n = content.readableBytes();
        byte[] a;
        int from;
        if (content.hasArray()) {
            a = content.array();
            from = content.arrayOffset() + content.readerIndex();
        } else {
            a = n <= SCRATCH_BYTES ? SCRATCH.get() : new byte[n];
            from = 0;
            content.getBytes(content.readerIndex(), a, 0, n);
        }
        if (check(a, from, from + n, BOUNDARY) != BOUNDARY) {
            return null;
        }
        return new String(a, from, n, StandardCharsets.UTF_8);
    }

    /** The state after the bytes of {@code content}, from {@code state}. */
    static int check(ByteBuf content, int state) {
        int n = content.readableBytes();
        if (content.hasArray()) {
            int from = content.arrayOffset() + content.readerIndex();
            return check(content.array(), from, from + n, state);
        }
        byte[] a = SCRATCH.get();
        for (int done = 0; done < n && state != INVALID; ) {
            int chunk = Math.min(a.length, n - done);
            content.getBytes(content.readerIndex() + done, a, 0, chunk);
            state = check(a, 0, chunk, state);
            done += chunk;
        }
        return state;
    }

    /** The state after {@code a[from, to)}, from {@code state}. */
    static int check(byte[] a, int from, int to, int state) {
        if (state == INVALID) {
            return INVALID;
        }
        int i = from;
        int need = state & 3;
        int lo = (state >>> 8) & 0xff;
        int hi = (state >>> 16) & 0xff;
        while (true) {
            if (need == 0) {
                while (i + 8 <= to && ((long) LONGS.get(a, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                while (i < to && a[i] >= 0) {
                    i++;
                }
                if (i >= to) {
                    return BOUNDARY;
                }
                int b = a[i++] & 0xff;
                if (b < 0xC2) {
                    return INVALID; // a continuation byte, or the lead of an overlong two-byte form
                } else if (b < 0xE0) {
                    need = 1;
                    lo = 0x80;
                    hi = 0xBF;
                } else if (b < 0xF0) {
                    need = 2;
                    lo = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
                    hi = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
                } else if (b < 0xF5) {
                    need = 3;
                    lo = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
                    hi = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be past U+10FFFF
                } else {
                    return INVALID;
                }
            }
            while (need > 0) {
                if (i >= to) {
                    return need | lo << 8 | hi << 16;
                }
                int b = a[i++] & 0xff;
                if (b < lo || b > hi) {
                    return INVALID;
                }
                need--;
                lo = 0x80;
                hi = 0xBF;
            }
        }
    }
}
