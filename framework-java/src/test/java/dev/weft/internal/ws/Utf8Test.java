package dev.weft.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8} accepts exactly what the JDK's strict UTF-8 decoder accepts, whole or cut into pieces anywhere. */
class Utf8Test {

    @Test
    void accepts_ascii_and_every_kind_of_well_formed_character() {
        for (String s : new String[] {"", "a", "hello, world", "0123456789abcdef0123456789", "é", "ü€", "€uro",
                "\u0800", "\uD7FF", "\uE000", "\uFFFF", "\uD800\uDC00", "\uDBFF\uDFFF", "κόσμε", "日本語のテキスト",
                "mixed ascii then é then 😀 and more ascii"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.check(b, 0, b.length, Utf8.BOUNDARY)).as(s).isEqualTo(Utf8.BOUNDARY);
            assertThat(Utf8.decode(Unpooled.wrappedBuffer(b))).isEqualTo(s);
            assertThat(decodeDirect(b)).isEqualTo(s);
        }
    }

    @Test
    void refuses_overlong_forms_surrogates_code_points_past_the_last_and_stray_bytes() {
        int[][] bad = {
            {0x80}, {0xBF}, {0xC0, 0xAF}, {0xC1, 0xBF}, {0xE0, 0x80, 0xAF}, {0xE0, 0x9F, 0xBF},
            {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xF0, 0x80, 0x80, 0xAF}, {0xF0, 0x8F, 0xBF, 0xBF},
            {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xFE}, {0xFF}, {0xC2, 0x41}, {0xE1, 0x80, 0x41},
            {0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xC0},
        };
        for (int[] ints : bad) {
            byte[] b = bytes(ints);
            assertThat(Utf8.check(b, 0, b.length, Utf8.BOUNDARY)).isEqualTo(Utf8.INVALID);
            assertThat(Utf8.decode(Unpooled.wrappedBuffer(b))).isNull();
            assertThat(decodeDirect(b)).isNull();
        }
    }

    @Test
    void a_character_cut_short_at_the_end_of_the_message_is_not_utf8() {
        for (int[] ints : new int[][] {{0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}}) {
            byte[] b = bytes(ints);
            int state = Utf8.check(b, 0, b.length, Utf8.BOUNDARY);
            assertThat(state).isNotIn(Utf8.BOUNDARY, Utf8.INVALID);
            assertThat(Utf8.decode(Unpooled.wrappedBuffer(b))).isNull();
        }
    }

    @Test
    void agrees_with_the_jdk_on_random_bytes_whole_and_in_two_pieces_cut_anywhere() {
        Random random = new Random(17);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = randomBytes(random, random.nextInt(24));
            boolean valid = strictlyValid(b);
            int whole = Utf8.check(b, 0, b.length, Utf8.BOUNDARY);
            assertThat(whole == Utf8.BOUNDARY).as("%s", java.util.Arrays.toString(b)).isEqualTo(valid);
            for (int cut = 0; cut <= b.length; cut++) {
                int state = Utf8.check(b, 0, cut, Utf8.BOUNDARY);
                state = Utf8.check(b, cut, b.length, state);
                assertThat(state == Utf8.BOUNDARY).as("%s cut at %d", java.util.Arrays.toString(b), cut)
                        .isEqualTo(valid);
            }
            ByteBuf pieces = direct(b);
            int half = b.length / 2;
            int state = Utf8.check(pieces.retainedSlice(0, half), Utf8.BOUNDARY);
            state = Utf8.check(pieces.slice(half, b.length - half), state);
            assertThat(state == Utf8.BOUNDARY).isEqualTo(valid);
            pieces.release(2);
        }
    }

    @Test
    void a_bad_byte_fails_the_piece_it_is_in_not_only_the_end_of_the_message() {
        byte[] first = "valid start é".getBytes(StandardCharsets.UTF_8);
        int state = Utf8.check(first, 0, first.length, Utf8.BOUNDARY);
        assertThat(state).isEqualTo(Utf8.BOUNDARY);
        byte[] second = bytes(new int[] {0x61, 0xED, 0xA0, 0x80});
        assertThat(Utf8.check(second, 0, second.length, state)).isEqualTo(Utf8.INVALID);
        byte[] third = "more".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.check(third, 0, third.length, Utf8.INVALID)).isEqualTo(Utf8.INVALID);
    }

    @Test
    void long_messages_in_direct_buffers_are_checked_past_the_scratch_array() {
        byte[] b = new byte[20_000];
        java.util.Arrays.fill(b, (byte) 'x');
        assertThat(decodeDirect(b)).hasSize(20_000);
        assertThat(checkDirect(b)).isEqualTo(Utf8.BOUNDARY);
        b[12_345] = (byte) 0xC0;
        assertThat(decodeDirect(b)).isNull();
        assertThat(checkDirect(b)).isEqualTo(Utf8.INVALID);
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            // Mostly the bytes that matter: ASCII, continuations and every lead byte.
            int kind = random.nextInt(4);
            b[i] = (byte) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? 0x80 + random.nextInt(0x40)
                    : 0xC0 + random.nextInt(0x40));
        }
        return b;
    }

    private static boolean strictlyValid(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int[] ints) {
        byte[] b = new byte[ints.length];
        for (int i = 0; i < ints.length; i++) {
            b[i] = (byte) ints[i];
        }
        return b;
    }

    private static String decodeDirect(byte[] b) {
        ByteBuf buf = direct(b);
        try {
            return Utf8.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static int checkDirect(byte[] b) {
        ByteBuf buf = direct(b);
        try {
            return Utf8.check(buf, Utf8.BOUNDARY);
        } finally {
            buf.release();
        }
    }

    private static ByteBuf direct(byte[] b) {
        ByteBuf buf = Unpooled.directBuffer(b.length);
        buf.writeBytes(b);
        return buf;
    }
}
