package dev.weft.web.stream;

import static dev.weft.test.Await.await;
import static dev.weft.test.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.web.Application;
import dev.weft.web.ClientDisconnectedException;
import dev.weft.web.Reply;
import dev.weft.web.StreamResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamResponse} served end to end: {@link StreamResponseTcpTest} runs these over loopback TCP,
 * {@link StreamResponseInMemoryTest} in memory.
 */
abstract class StreamResponseContract {

    static String text(ClientResponse res) {
        return await(res.text());
    }

    @Test
    void parts_written_one_after_another_arrive_as_one_chunked_body(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/numbers", req -> {
            StreamResponse resp = new StreamResponse().contentType("text/plain");
            return Reply.async(resp.prepare(req)
                    .thenCompose(v -> resp.write("one\n"))
                    .thenCompose(v -> resp.write("two\n"))
                    .thenCompose(v -> resp.writeEof())
                    .thenApply(v -> resp));
        });
        try (ClientResponse res = await(clients.create(app).get("/numbers"))) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(res.header("Content-Length")).isNull();
            assertThat(res.contentType()).isEqualTo("text/plain");
            assertThat(text(res)).isEqualTo("one\ntwo\n");
        }
    }

    @Test
    void a_declared_length_is_sent_as_content_length_not_chunks(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/sized", req -> {
            StreamResponse resp = new StreamResponse().contentLength(6);
            return Reply.async(resp.prepare(req)
                    .thenCompose(v -> resp.write("abc"))
                    .thenCompose(v -> resp.write("def"))
                    .thenApply(v -> resp)); // ended by the server when the reply completes
        });
        try (ClientResponse res = await(clients.create(app).get("/sized"))) {
            assertThat(res.header("Content-Length")).isEqualTo("6");
            assertThat(res.header("Transfer-Encoding")).isNull();
            assertThat(res.contentType()).as("no Content-Type was set, so none is sent").isNull();
            assertThat(text(res)).isEqualTo("abcdef");
        }
    }

    @Test
    void writing_past_the_declared_length_fails_and_the_response_stays_whole(TestClients clients) {
        AtomicReference<Throwable> tooMuch = new AtomicReference<>();
        Application app = Application.create();
        app.routes().get("/sized", req -> {
            StreamResponse resp = new StreamResponse().contentLength(3);
            return Reply.async(resp.prepare(req)
                    .thenCompose(v -> resp.write("abcd").handle((ok, e) -> {
                        tooMuch.set(e);
                        return null;
                    }))
                    .thenCompose(v -> resp.write("abc"))
                    .thenApply(v -> resp));
        });
        TestClient client = clients.create(app);
        try (ClientResponse res = await(client.get("/sized"))) {
            assertThat(text(res)).isEqualTo("abc");
        }
        assertThat(tooMuch.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared Content-Length of 3");
        try (ClientResponse again = await(client.get("/sized"))) {
            assertThat(text(again)).as("the connection is still usable").isEqualTo("abc");
        }
    }

    @Test
    void a_stream_returned_unprepared_is_sent_with_its_head_and_an_empty_body(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/empty", req -> new StreamResponse(202).header("X-Kind", "stream"));
        try (ClientResponse res = await(clients.create(app).get("/empty"))) {
            assertThat(res.status()).isEqualTo(202);
            assertThat(res.header("X-Kind")).isEqualTo("stream");
            assertThat(text(res)).isEmpty();
        }
    }

    @Test
    void the_head_cannot_change_after_prepare(TestClients clients) {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        Application app = Application.create();
        app.routes().get("/frozen", req -> {
            StreamResponse resp = new StreamResponse();
            resp.prepare(req);
            try {
                resp.header("X-Late", "1");
            } catch (IllegalStateException e) {
                refused.set(e);
            }
            return resp;
        });
        try (ClientResponse res = await(clients.create(app).get("/frozen"))) {
            assertThat(res.header("X-Late")).isNull();
            assertThat(text(res)).isEmpty();
        }
        assertThat(refused.get()).hasMessageContaining("prepare() has sent the head");
    }

    @Test
    void a_head_request_gets_the_head_alone_and_writes_are_dropped(TestClients clients) {
        Application app = Application.create();
        app.routes().route("*", "/both", req -> {
            StreamResponse resp = new StreamResponse().contentType("text/plain");
            return Reply.async(resp.prepare(req).thenCompose(v -> resp.write("body")).thenApply(v -> resp));
        });
        TestClient client = clients.create(app);
        try (ClientResponse head = await(client.head("/both"))) {
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.contentType()).isEqualTo("text/plain");
            assertThat(text(head)).isEmpty();
        }
        try (ClientResponse get = await(client.get("/both"))) {
            assertThat(text(get)).as("the connection after the HEAD is in step").isEqualTo("body");
        }
    }

    @Test
    void the_client_reads_each_part_as_it_is_written_not_after_the_end(TestClients clients) {
        CompletableFuture<Void> firstRead = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/ticks", req -> {
            StreamResponse resp = new StreamResponse();
            return Reply.async(resp.prepare(req)
                    .thenCompose(v -> resp.write("tick"))
                    .thenCompose(v -> firstRead) // the second part waits until the client has read the first
                    .thenCompose(v -> resp.write("tock"))
                    .thenApply(v -> resp));
        });
        try (ClientResponse res = await(clients.create(app).get("/ticks"))) {
            assertThat(new String(await(res.content().read()), StandardCharsets.UTF_8)).isEqualTo("tick");
            firstRead.complete(null);
            assertThat(new String(await(res.content().read()), StandardCharsets.UTF_8)).isEqualTo("tock");
            assertThat(await(res.content().read())).isEmpty();
        }
    }

    @Test
    void a_handler_failing_after_prepare_leaves_the_body_unfinished(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/broken", req -> {
            StreamResponse resp = new StreamResponse();
            return Reply.async(resp.prepare(req)
                    .thenCompose(v -> resp.write("partial"))
                    .thenApply(v -> {
                        throw new IllegalStateException("boom, after the head");
                    }));
        });
        try (ClientResponse res = await(clients.create(app).get("/broken"))) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(failure(res.bytes())).as("the body never ended, so reading it whole fails").isNotNull();
        }
    }

    @Test
    void a_client_that_goes_away_is_seen_by_the_handler(TestClients clients) {
        CompletableFuture<Throwable> writeFailure = new CompletableFuture<>();
        CompletableFuture<Void> noticed = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/forever", req -> {
            StreamResponse resp = new StreamResponse();
            resp.prepare(req);
            resp.write("hello");
            resp.disconnected().thenRun(() -> {
                noticed.complete(null);
                resp.write("anyone?").whenComplete((v, e) -> writeFailure.complete(e));
            });
            return Reply.async(noticed.thenApply(v -> resp));
        });
        ClientResponse res = await(clients.create(app).get("/forever"));
        assertThat(new String(await(res.content().read()), StandardCharsets.UTF_8)).isEqualTo("hello");
        res.release(); // mid-body: closes the connection
        await(noticed);
        assertThat(await(writeFailure)).isInstanceOf(ClientDisconnectedException.class);
    }

    @Test
    void writes_from_another_thread_go_out_in_order(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/threads", req -> {
            StreamResponse resp = new StreamResponse();
            resp.prepare(req);
            CompletionStage<StreamResponse> done = CompletableFuture.supplyAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    resp.write(i + ",");
                }
                return resp;
            }).thenCompose(r -> r.writeEof().thenApply(v -> r));
            return Reply.async(done);
        });
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append(i).append(',');
        }
        try (ClientResponse res = await(clients.create(app).get("/threads"))) {
            assertThat(text(res)).isEqualTo(expected.toString());
        }
    }

    @Test
    void a_request_not_from_a_connection_cannot_be_streamed_to() {
        StreamResponse resp = new StreamResponse();
        Throwable e = failure(resp.prepare(dev.weft.web.Request.builder("GET", "/").build()));
        assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a request served");
    }
}
