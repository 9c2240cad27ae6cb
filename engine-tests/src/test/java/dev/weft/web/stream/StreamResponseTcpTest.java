package dev.weft.web.stream;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.StreamResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link StreamResponseContract} over loopback TCP, and what only a socket shows: framing on the wire, backpressure. */
@WeftTest(transport = TestTransport.TCP)
class StreamResponseTcpTest extends StreamResponseContract {
    /** A part of the backpressure test's stream. */
    private static final int PART_BYTES = 64 * 1024;
    /** How much the server may write before a write must wait: far more than the kernel's socket buffers hold. */
    private static final long WRITE_AHEAD_BOUND = 32L * 1024 * 1024;

    @Test
    void chunks_and_the_last_chunk_are_on_the_wire(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/wire", req -> {
            StreamResponse resp = new StreamResponse();
            return Reply.async(resp.prepare(req).thenCompose(v -> resp.write("hello"))
                    .thenCompose(v -> resp.write("!")).thenApply(v -> resp));
        });
        TestClient client = clients.create(app);
        var raw = dev.weft.web.stream.Raw.send(client.server(), "GET /wire HTTP/1.1\r\nHost: x");
        assertThat(raw.head().toLowerCase()).contains("transfer-encoding: chunked");
        assertThat(raw.body()).isEqualTo("5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n");
    }

    @Test
    void an_http_1_0_client_gets_the_body_until_the_connection_closes(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/old", req -> {
            StreamResponse resp = new StreamResponse();
            return Reply.async(resp.prepare(req).thenCompose(v -> resp.write("plain")).thenApply(v -> resp));
        });
        var raw = Raw.send(clients.create(app).server(), "GET /old HTTP/1.0\r\nConnection: keep-alive");
        assertThat(raw.head().toLowerCase()).doesNotContain("transfer-encoding").doesNotContain("content-length")
                .contains("connection: close");
        assertThat(raw.body()).isEqualTo("plain");
    }

    @Test
    void a_reader_that_does_not_read_makes_the_writer_wait(TestClients clients) {
        AtomicLong aheadWhenMadeToWait = new AtomicLong(-1);
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        byte[] part = new byte[PART_BYTES];
        long total = 2 * WRITE_AHEAD_BOUND;
        Application app = Application.create();
        app.routes().get("/big", req -> {
            StreamResponse resp = new StreamResponse().contentLength(total);
            resp.prepare(req);
            return Reply.async(writeAll(resp, part, total, 0, aheadWhenMadeToWait, waiting).thenApply(v -> resp));
        });
        try (ClientResponse res = await(clients.create(app).get("/big"))) {
            await(waiting); // the client has read nothing yet
            assertThat(aheadWhenMadeToWait.get()).isPositive().isLessThan(WRITE_AHEAD_BOUND);
            long read = 0;
            for (byte[] chunk = await(res.content().read()); chunk.length > 0; chunk = await(res.content().read())) {
                read += chunk.length;
            }
            assertThat(read).isEqualTo(total);
        }
    }

    /** Writes {@code part} until {@code total}, each write after the previous one's stage; notes the first wait. */
    private static CompletionStage<Void> writeAll(StreamResponse resp, byte[] part, long total, long sent,
                                                  AtomicLong ahead, CompletableFuture<Void> waiting) {
        while (sent < total) {
            CompletionStage<Void> w = resp.write(part);
            sent += part.length;
            if (!w.toCompletableFuture().isDone()) {
                if (ahead.get() < 0) {
                    ahead.set(sent);
                    waiting.complete(null);
                }
                long next = sent;
                return w.thenCompose(v -> writeAll(resp, part, total, next, ahead, waiting));
            }
        }
        return CompletableFuture.completedFuture(null);
    }
}
