package dev.weft.client;

import static dev.weft.client.ClientTesting.url;
import static dev.weft.test.Await.await;
import static dev.weft.test.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.http.MultiMap;
import dev.weft.loop.Loop;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.testing.ListPublisher;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests, bodies, headers and decompression against a Weft server on loopback. */
@WeftTest
class ClientSessionTest {
    record Item(String name, int count) {
    }

    private Loop loop;
    private TestServer server;
    private ClientSession session;

    static Application app() {
        Application app = Application.create();
        app.routes()
                .get("/hello", req -> Response.text("hello"))
                .route("*", "/echo", req -> Reply.async(req.bytes().thenApply(b -> {
                    Response r = Response.bytes(b, req.contentType() == null ? "application/octet-stream"
                            : req.contentType());
                    r.header("X-Method", req.method());
                    r.header("X-Query", req.queryString());
                    r.header("X-Trace", req.headers().get("X-Trace", "-"));
                    r.header("X-Agent", req.headers().get("User-Agent", "-"));
                    return r;
                })))
                .post("/json", req -> Reply.async(req.json(Item.class)
                        .thenApply(i -> Response.json(new Item(i.name().toUpperCase(), i.count() + 1)))))
                .get("/gzip", req -> Response.bytes(gzip("squeezed ".repeat(1000)), "text/plain")
                        .header("Content-Encoding", "gzip"))
                .get("/deflate", req -> Response.bytes(deflate("flattened"), "text/plain")
                        .header("Content-Encoding", "deflate"))
                .get("/big", req -> Response.bytes(new byte[1_000_000], "application/octet-stream"))
                .get("/missing", req -> Response.text("nope").status(404))
                .get("/charset", req -> Response.bytes("café".getBytes(StandardCharsets.ISO_8859_1),
                        "text/plain; charset=iso-8859-1"));
        return app;
    }

    @BeforeEach
    void openSession(Loop loop, TestServers servers) {
        this.loop = loop;
        server = servers.start(app());
        session = ClientSession.create(s -> s.loop(loop).baseUrl(url(server, "/")).header("X-Trace", "default"));
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] deflate(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
                z.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void gets_text_from_a_relative_url_resolved_against_the_base_url() {
        ClientResponse r = await(session.get("hello"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.ok()).isTrue();
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(await(r.text())).isEqualTo("hello");
        assertThat(r.isReleased()).isTrue();
        assertThat(r.url().toString()).isEqualTo(url(server, "/hello"));
    }

    @Test
    void posts_json_and_reads_json_back() {
        ClientResponse r = await(session.post("/json", o -> o.json(new Item("nut", 1))));
        assertThat(await(r.json(Item.class))).isEqualTo(new Item("NUT", 2));
    }

    @Test
    void sends_query_parameters_headers_and_a_form() {
        ClientResponse r = await(session.request("PUT", "/echo?a=1", o -> o
                .query("b", "x y").query(MultiMap.of(Map.of("c", "&")))
                .header("X-Trace", "mine")
                .form(Map.of("name", "ada lovelace"))));
        assertThat(r.header("X-Method")).isEqualTo("PUT");
        assertThat(r.header("X-Query")).isEqualTo("a=1&b=x%20y&c=%26");
        assertThat(r.header("X-Trace")).isEqualTo("mine");
        assertThat(r.header("X-Agent")).startsWith("Weft-client");
        assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(await(r.text())).isEqualTo("name=ada%20lovelace");
    }

    @Test
    void default_headers_apply_unless_the_request_sets_them() {
        ClientResponse r = await(session.get("/echo"));
        assertThat(r.header("X-Trace")).isEqualTo("default");
        r.release();
    }

    @Test
    void streams_a_request_body_from_a_publisher() {
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            chunks.add(("chunk" + i + ";").getBytes(StandardCharsets.UTF_8));
            expected.append("chunk").append(i).append(';');
        }
        CompletionStage<ClientResponse> call = session.post("/echo", o -> o.stream(new ListPublisher(chunks),
                "text/plain"));
        assertThat(await(await(call).text())).isEqualTo(expected.toString());
    }

    @Test
    void streams_a_response_body_chunk_by_chunk() {
        ClientResponse r = await(session.get("/big"));
        ResponseContent content = r.content();
        long total = 0;
        int chunks = 0;
        while (true) {
            byte[] chunk = await(content.read());
            if (chunk.length == 0) {
                break;
            }
            total += chunk.length;
            chunks++;
        }
        assertThat(total).isEqualTo(1_000_000);
        assertThat(chunks).isGreaterThan(1);
        assertThat(content.atEnd()).isTrue();
        assertThat(r.isReleased()).isTrue();
    }

    @Test
    void a_response_nobody_reads_stops_the_server_writing_until_it_is_read() throws Exception {
        long size = 64L << 20;
        java.util.concurrent.CompletableFuture<Long> written = new java.util.concurrent.CompletableFuture<>();
        try (RawServer raw = new RawServer((socket, i) -> {
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
            byte[] chunk = new byte[1 << 16];
            long sent = 0;
            while (sent < size) {
                socket.getOutputStream().write(chunk);
                sent += chunk.length;
            }
            written.complete(sent);
        })) {
            ClientResponse r = await(session.get(raw.url("/")));
            // Not read: the client buffers a little and stops reading, so the server's writes block.
            assertThat(failure(written.copy().orTimeout(300, java.util.concurrent.TimeUnit.MILLISECONDS)))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            long read = 0;
            for (byte[] chunk = await(r.content().read()); chunk.length > 0; chunk = await(r.content().read())) {
                read += chunk.length;
            }
            assertThat(read).isEqualTo(size);
            assertThat(await(written)).isEqualTo(size);
        }
    }

    @Test
    void decompresses_gzip_and_deflate_bodies() {
        ClientResponse gz = await(session.get("/gzip"));
        assertThat(gz.header("Content-Encoding")).isNull();
        assertThat(await(gz.text())).isEqualTo("squeezed ".repeat(1000));
        assertThat(await(await(session.get("/deflate")).text())).isEqualTo("flattened");
    }

    @Test
    void leaves_bodies_compressed_when_decompression_is_off() {
        try (ClientSession raw = ClientSession.create(s -> s.loop(loop).autoDecompress(false))) {
            ClientResponse r = await(raw.get(url(server, "/gzip")));
            assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(await(r.bytes())).isEqualTo(gzip("squeezed ".repeat(1000)));
        }
    }

    @Test
    void decodes_text_in_the_charset_of_the_content_type() {
        assertThat(await(await(session.get("/charset")).text())).isEqualTo("café");
    }

    @Test
    void raise_for_status_fails_the_request_with_the_status() {
        Throwable e = failure(session.get("/missing", o -> o.raiseForStatus(true)));
        assertThat(e).isInstanceOf(ClientResponseException.class);
        assertThat(((ClientResponseException) e).status()).isEqualTo(404);
        ClientResponse r = await(session.get("/missing"));
        assertThatThrownBy(r::raiseForStatus).isInstanceOf(ClientResponseException.class).hasMessageContaining("404");
        assertThat(r.isReleased()).isTrue();
    }

    @Test
    void head_requests_have_no_body_and_keep_the_connection() {
        List<TraceEvent> events = new ArrayList<>();
        try (ClientSession traced = ClientSession.create(s -> s.loop(loop).trace(events::add))) {
            ClientResponse r = await(traced.head(url(server, "/hello")));
            assertThat(r.status()).isEqualTo(200);
            assertThat(await(r.bytes())).isEmpty();
            assertThat(await(await(traced.get(url(server, "/hello"))).text())).isEqualTo("hello");
        }
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.ConnectionCreate).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.ConnectionReuse).hasSize(1);
    }

    @Test
    void a_session_made_on_a_loop_thread_runs_on_that_loop() {
        java.util.concurrent.CompletableFuture<ClientSession> made = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> made.complete(ClientSession.create()));
        try (ClientSession implicit = await(made)) {
            assertThat(implicit.loop()).isSameAs(loop);
            assertThat(await(await(implicit.get(url(server, "/hello"))).text())).isEqualTo("hello");
        }
    }

    @Test
    void a_session_refuses_a_connector_on_another_loop() {
        try (Loop other = Loop.create(1); TcpConnector connector = TcpConnector.create(c -> c.loop(other))) {
            assertThatThrownBy(() -> ClientSession.create(s -> s.loop(loop).connector(connector)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connector runs on");
        }
    }

    @Test
    void a_closed_session_refuses_new_requests() {
        session.close();
        assertThat(failure(session.get("/hello"))).isInstanceOf(ClientException.class).hasMessageContaining("closed");
        assertThat(session.connector().isClosed()).isTrue();
    }
}
