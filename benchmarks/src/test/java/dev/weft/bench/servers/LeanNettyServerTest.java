package dev.weft.bench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP behaviour of the load runs' ceiling, over its real pipeline in an {@link EmbeddedChannel}: what the
 * runner's endpoint checks do not reach (pipelining, closing, HTTP/1.0, a body in pieces, a malformed request).
 */
class LeanNettyServerTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
            LeanNettyServer.initPipeline(ch);
        }
    });

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void answers_every_endpoint_with_only_content_type_and_length() {
        String out = exchange("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /json HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /user/42 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(out).isEqualTo(
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 13\r\n\r\n"
                        + "Hello, World!"
                        + "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 27\r\n\r\n"
                        + "{\"message\":\"Hello, World!\"}"
                        + "HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 7\r\n\r\n"
                        + "user 42"
                        + "HTTP/1.1 404 Not Found\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 9\r\n"
                        + "\r\nNot Found");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void connection_close_is_the_last_answer_of_a_pipelined_batch() {
        String out = exchange("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /user/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                + "GET /json HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").endsWith("connection: close\r\n\r\nuser 7");
        assertThat(out.split("HTTP/1.1 ", -1)).hasSize(3);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void http_1_0_is_closed_unless_it_asks_to_keep_the_connection() {
        assertThat(exchange("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))
                .contains("connection: keep-alive\r\n");
        assertThat(channel.isOpen()).isTrue();

        assertThat(exchange("GET /plaintext HTTP/1.0\r\n\r\n")).contains("connection: close\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void an_echo_body_in_pieces_comes_back_whole() {
        byte[] body = new byte[3000];
        Arrays.fill(body, (byte) 'a');
        Arrays.fill(body, 1000, 2000, (byte) 'b');
        String head = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n";
        channel.writeInbound(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1),
                Arrays.copyOfRange(body, 0, 1200)));
        String out = exchange(new String(body, 1200, 1800, StandardCharsets.ISO_8859_1)
                + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");

        String expected = "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 3000\r\n\r\n"
                + new String(body, StandardCharsets.ISO_8859_1);
        assertThat(out).startsWith(expected);
        assertThat(out.substring(expected.length())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("Hello, World!");
    }

    @Test
    void an_echo_body_over_one_mib_is_refused_and_closed() {
        String out = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\nabc");

        assertThat(out).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n").contains("connection: close\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void a_malformed_request_is_answered_400_and_closed() {
        String out = exchange("GARBAGE\r\n\r\n");

        assertThat(out).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("connection: close\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    /** Writes the text in one read and returns every byte written back since the last call. */
    private String exchange(String requests) {
        channel.writeInbound(Unpooled.copiedBuffer(requests, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            if (o instanceof ByteBuf b) {
                out.append(b.toString(StandardCharsets.ISO_8859_1));
            }
            ReferenceCountUtil.release(o);
        }
        return out.toString();
    }
}
