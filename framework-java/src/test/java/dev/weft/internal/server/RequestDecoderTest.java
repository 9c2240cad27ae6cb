package dev.weft.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.internal.loop.NettyLoop;
import dev.weft.loop.Loop;
import dev.weft.loop.ManualClock;
import dev.weft.web.ServerLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decoder on an {@link EmbeddedChannel}: the paths the socket tests cannot pin down, namely bytes split at a
 * chosen place and deadlines on a frozen clock. The socket tests ({@code HostileInput*Test}, in engine-tests) cover the answers.
 */
class RequestDecoderTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration BODY_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** The deadlines' clock: an embedded channel's timers run when this is advanced, on the test's thread. */
    private final ManualClock clock = ManualClock.create();
    private final Loop loop = Loop.create(b -> b.threads(1).clock(clock));
    private EmbeddedChannel channel = channel(ServerLimits.create());

    private EmbeddedChannel channel(ServerLimits limits) {
        return new EmbeddedChannel(new RequestDecoder(limits, NettyLoop.of(loop, "the test")));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        loop.close();
    }

    private List<HttpObject> write(String ascii) {
        channel.writeInbound(Unpooled.copiedBuffer(ascii, StandardCharsets.ISO_8859_1));
        return drain();
    }

    private List<HttpObject> drain() {
        List<HttpObject> out = new ArrayList<>();
        for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
            out.add((HttpObject) m);
            ReferenceCountUtil.release(m);
        }
        return out;
    }

    private List<HttpObject> advance(Duration d) {
        clock.advance(d);
        channel.runPendingTasks();
        return drain();
    }

    private static int status(HttpObject failed) {
        assertThat(failed.decoderResult().isFailure()).as("a failed message").isTrue();
        assertThat(failed.decoderResult().cause()).isInstanceOf(BadRequestException.class);
        return ((BadRequestException) failed.decoderResult().cause()).status();
    }

    // ---- obs-fold and line splits

    @Test
    void an_obs_fold_in_the_next_packet_after_the_line_feed_is_refused() {
        assertThat(write("GET / HTTP/1.1\r\nHost: x\r\nX-Test: a\r\n")).isEmpty();
        List<HttpObject> out = write(" b\r\n\r\n");
        assertThat(out).hasSize(1);
        assertThat(status(out.get(0))).isEqualTo(400);
    }

    @Test
    void an_obs_fold_is_refused_before_the_head_is_complete() {
        List<HttpObject> out = write("GET / HTTP/1.1\r\nHost: x\r\nX-Test: a\r\n b\r\n");
        assertThat(out).hasSize(1);
        assertThat(status(out.get(0))).isEqualTo(400);
    }

    @Test
    void a_head_fed_one_byte_at_a_time_is_decoded() {
        String request = "\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nX-Test: a b\tc\r\nContent-Length: 3\r\n\r\nabc";
        List<HttpObject> out = new ArrayList<>();
        for (char c : request.toCharArray()) {
            out.addAll(write(String.valueOf(c)));
        }
        assertThat(out).allMatch(m -> m.decoderResult().isSuccess());
        assertThat(((HttpRequest) out.get(0)).headers().get("X-Test")).isEqualTo("a b\tc");
        assertThat(out.get(out.size() - 1)).isInstanceOf(LastHttpContent.class);
    }

    @Test
    void a_folded_head_fed_one_byte_at_a_time_is_refused() {
        String request = "GET / HTTP/1.1\r\nHost: x\r\nX-Test: a\r\n\tb\r\n\r\n";
        List<HttpObject> out = new ArrayList<>();
        for (char c : request.toCharArray()) {
            out.addAll(write(String.valueOf(c)));
        }
        assertThat(out).hasSize(1);
        assertThat(status(out.get(0))).isEqualTo(400);
    }

    @Test
    void nothing_after_a_refused_request_is_decoded() {
        List<HttpObject> out = write("GET / HTTP/1.1\r\nX-Test: a\0\r\nContent-Length: 34\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).decoderResult().isFailure()).isTrue();
        assertThat(write("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isEmpty();
    }

    // ---- field counts and Content-Length

    @Test
    void the_header_and_trailer_sections_are_counted_separately() {
        channel.finishAndReleaseAll();
        channel = channel(ServerLimits.create().withMaxHeaderCount(3));
        List<HttpObject> out = write("POST / HTTP/1.1\r\nHost: x\r\nA: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1\r\na\r\n0\r\nT1: 1\r\nT2: 2\r\nT3: 3\r\n\r\n");
        assertThat(out).allMatch(m -> m.decoderResult().isSuccess());
        assertThat(out.get(out.size() - 1)).isInstanceOf(LastHttpContent.class);

        out = write("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1\r\na\r\n0\r\nT1: 1\r\nT2: 2\r\nT3: 3\r\nT4: 4\r\n\r\n");
        HttpObject last = out.get(out.size() - 1);
        assertThat(last).isInstanceOf(LastHttpContent.class);
        assertThat(status(last)).isEqualTo(431);
    }

    @Test
    void one_field_over_the_count_limit_is_431() {
        channel.finishAndReleaseAll();
        channel = channel(ServerLimits.create().withMaxHeaderCount(3));
        List<HttpObject> out = write("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");
        assertThat(status(out.get(0))).isEqualTo(431);
    }

    @Test
    void two_content_length_fields_on_http_1_0_are_400() {
        // Netty would keep the first value of the two on an HTTP/1.0 request.
        List<HttpObject> out = write("POST / HTTP/1.0\r\nContent-Length: 5\r\ncontent-length: 10\r\n\r\nhello");
        assertThat(status(out.get(0))).isEqualTo(400);
    }

    // ---- deadlines on a frozen clock

    @Test
    void the_header_deadline_counts_from_the_first_byte_and_is_not_extended_by_later_bytes() {
        assertThat(write("GET / HTTP/1.1\r\n")).isEmpty();
        assertThat(advance(HEADER_TIMEOUT.minusMillis(10))).isEmpty();
        assertThat(write("Host: x\r\n")).isEmpty();
        List<HttpObject> out = advance(Duration.ofMillis(20));
        assertThat(out).hasSize(1);
        assertThat(status(out.get(0))).isEqualTo(408);
        assertThat(write("\r\n")).as("bytes after the refusal").isEmpty();
    }

    @Test
    void empty_lines_before_a_request_do_not_start_the_header_deadline() {
        assertThat(write("\r\n")).isEmpty();
        assertThat(advance(HEADER_TIMEOUT.multipliedBy(2))).isEmpty();
        assertThat(write("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).allMatch(m -> m.decoderResult().isSuccess());
    }

    @Test
    void the_body_idle_timeout_is_reset_by_each_body_byte() {
        List<HttpObject> out = write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
        assertThat(out).hasSize(2);
        assertThat(advance(BODY_IDLE_TIMEOUT.minusMillis(10))).isEmpty();
        assertThat(write("d")).hasSize(1).allMatch(m -> m instanceof HttpContent);
        assertThat(advance(BODY_IDLE_TIMEOUT.minusMillis(10))).isEmpty();
        out = advance(Duration.ofMillis(20));
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isInstanceOf(LastHttpContent.class);
        assertThat(status(out.get(0))).isEqualTo(408);
    }

    @Test
    void no_deadline_runs_between_requests() {
        assertThat(write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")).hasSize(2);
        assertThat(write("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).hasSize(2);
        assertThat(advance(BODY_IDLE_TIMEOUT.multipliedBy(3))).isEmpty();
        assertThat(write("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).allMatch(m -> m.decoderResult().isSuccess());
    }

    @Test
    void a_decoded_head_knows_which_fields_the_server_acts_on_it_carries_whatever_their_case() {
        HttpRequest plain = (HttpRequest) write("GET / HTTP/1.1\r\nhOsT: a\r\nAccept: */*\r\n\r\n").get(0);
        assertThat(DecodedHead.mayHave(plain, DecodedHead.HOST)).isTrue();
        assertThat(DecodedHead.mayHave(plain, DecodedHead.CONTENT_LENGTH | DecodedHead.TRANSFER_ENCODING
                | DecodedHead.EXPECT | DecodedHead.CONNECTION | DecodedHead.UPGRADE)).isFalse();

        HttpRequest upload = (HttpRequest) write("POST / HTTP/1.1\r\nHost: a\r\ncontent-LENGTH: 0\r\n"
                + "EXPECT: 100-continue\r\nconnection: close\r\nUpgrade: h2c\r\n\r\n").get(0);
        assertThat(DecodedHead.mayHave(upload, DecodedHead.CONTENT_LENGTH)).isTrue();
        assertThat(DecodedHead.mayHave(upload, DecodedHead.EXPECT)).isTrue();
        assertThat(DecodedHead.mayHave(upload, DecodedHead.CONNECTION)).isTrue();
        assertThat(DecodedHead.mayHave(upload, DecodedHead.UPGRADE)).isTrue();
        assertThat(DecodedHead.mayHave(upload, DecodedHead.TRANSFER_ENCODING)).isFalse();
    }
}
