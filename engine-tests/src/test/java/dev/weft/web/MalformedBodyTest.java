package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.TestClients;
import dev.weft.test.WeftTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A body whose framing the client got wrong, while a handler reads it: the client gets one 400 and the connection
 * closes, the handler's read fails with a Weft exception it need not catch, and nothing is logged as an error (any
 * client can send such bodies: they must not fill the log with stack traces).
 */
@WeftTest
class MalformedBodyTest {

    @Test
    void a_malformed_chunk_while_the_handler_reads_the_body_is_one_400_a_closed_connection_and_no_error_logged(
            TestClients clients) throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().post("/upload", req -> Reply.async(req.bytes().whenComplete((body, error) -> {
            if (error != null) {
                seen.complete(error);
            } else {
                seen.completeExceptionally(new AssertionError("the body was read: " + body.length + " bytes"));
            }
        }).thenApply(body -> Response.text("read " + body.length))));
        var client = clients.create(app);

        try (LogCapture log = LogCapture.start()) {
            RawHttp.Response res = RawHttp.send(client.server(),
                    "POST /upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked",
                    "5\r\nhello\r\nzz-not-a-size\r\nmore\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThat(res.status()).isEqualTo(400);
            assertThat(res.header("connection")).isEqualTo("close");
            assertThat(res.body()).as("one response, nothing after it").doesNotContain("HTTP/1.1");
            Throwable error = seen.get(RawHttp.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(error).isInstanceOf(HttpBadRequest.class);
            assertThat(((HttpBadRequest) error).status()).isEqualTo(400);
            assertThat(log.text()).doesNotContain("ERROR").doesNotContain("Exception");
        }
    }
}
