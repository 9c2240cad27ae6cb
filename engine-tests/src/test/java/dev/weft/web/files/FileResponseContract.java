package dev.weft.web.files;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.web.Application;
import dev.weft.web.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Response#file} served end to end: {@link FileResponseTcpTest} over loopback TCP (the bytes go by
 * {@code sendfile}), {@link FileResponseInMemoryTest} in memory (read in parts off the loop).
 */
abstract class FileResponseContract {
    @TempDir
    Path dir;
    private Path text;
    private Path big;
    private byte[] bigBytes;

    @BeforeEach
    void files() throws IOException {
        text = Files.writeString(dir.resolve("hello.txt"), "hello, file");
        Files.setLastModifiedTime(text, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        bigBytes = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(bigBytes);
        big = Files.write(dir.resolve("big.bin"), bigBytes);
        Files.writeString(dir.resolve("page.html"), "<p>plain</p>");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("<p>zipped</p>".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("page.html.gz"), gz.toByteArray());
    }

    private TestClient serve(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/text", r -> Response.file(text))
                .get("/big", r -> Response.file(big))
                .get("/page", r -> Response.file(dir.resolve("page.html")))
                .get("/typed", r -> Response.file(text).contentType("text/x-custom").header("X-Extra", "1"))
                .get("/missing", r -> Response.file(dir.resolve("nope.txt")))
                .get("/dir", r -> Response.file(dir));
        return clients.create(app);
    }

    @Test
    void a_file_is_sent_with_its_type_length_and_validators(TestClients clients) {
        try (ClientResponse res = await(serve(clients).get("/text"))) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(res.header("Content-Length")).isEqualTo("11");
            assertThat(res.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(res.header("Last-Modified")).isEqualTo("Fri, 02 Jan 2026 03:04:05 GMT");
            assertThat(res.header("ETag")).matches("\"[0-9a-f]+-b\"");
            assertThat(await(res.text())).isEqualTo("hello, file");
        }
    }

    @Test
    void a_large_file_arrives_whole(TestClients clients) {
        try (ClientResponse res = await(serve(clients).get("/big", o -> o.header("Accept-Encoding", "identity")))) {
            assertThat(res.header("Content-Length")).isEqualTo(String.valueOf(bigBytes.length));
            assertThat(await(res.bytes())).isEqualTo(bigBytes);
        }
    }

    @Test
    void a_range_of_a_large_file_is_exactly_those_bytes(TestClients clients) {
        int from = 1_000_000;
        int to = 2_500_000;
        try (ClientResponse res = await(serve(clients).get("/big", o -> o.header("Range", "bytes=" + from + "-" + to)))) {
            assertThat(res.status()).isEqualTo(206);
            assertThat(res.header("Content-Range")).isEqualTo("bytes " + from + "-" + to + "/" + bigBytes.length);
            assertThat(await(res.bytes())).isEqualTo(java.util.Arrays.copyOfRange(bigBytes, from, to + 1));
        }
    }

    @Test
    void the_etag_it_sent_makes_the_next_request_a_304(TestClients clients) {
        TestClient client = serve(clients);
        String etag;
        try (ClientResponse first = await(client.get("/text"))) {
            etag = first.header("ETag");
            await(first.bytes());
        }
        try (ClientResponse again = await(client.get("/text", o -> o.header("If-None-Match", etag)))) {
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.header("ETag")).isEqualTo(etag);
            assertThat(await(again.bytes())).isEmpty();
        }
        try (ClientResponse after = await(client.get("/text"))) {
            assertThat(await(after.text())).as("the connection is in step after the 304").isEqualTo("hello, file");
        }
    }

    @Test
    void an_unsatisfiable_range_is_416_with_the_size(TestClients clients) {
        try (ClientResponse res = await(serve(clients).get("/text", o -> o.header("Range", "bytes=50-")))) {
            assertThat(res.status()).isEqualTo(416);
            assertThat(res.header("Content-Range")).isEqualTo("bytes */11");
            await(res.bytes());
        }
    }

    @Test
    void a_head_request_gets_the_length_and_no_body(TestClients clients) {
        TestClient client = serve(clients);
        try (ClientResponse res = await(client.head("/text"))) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.header("Content-Length")).isEqualTo("11");
            assertThat(await(res.bytes())).isEmpty();
        }
        try (ClientResponse after = await(client.get("/text"))) {
            assertThat(await(after.text())).isEqualTo("hello, file");
        }
    }

    @Test
    void a_precompressed_sibling_goes_to_a_client_that_accepts_gzip(TestClients clients) {
        TestClient client = serve(clients);
        try (ClientResponse zipped = await(client.get("/page", o -> o.header("Accept-Encoding", "gzip")))) {
            assertThat(zipped.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(zipped.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(await(zipped.text())).as("decompressed by the client").isEqualTo("<p>zipped</p>");
        }
        try (ClientResponse plain = await(client.get("/page", o -> o.header("Accept-Encoding", "identity")))) {
            assertThat(plain.header("Vary")).isNull();
            assertThat(await(plain.text())).isEqualTo("<p>plain</p>");
        }
    }

    @Test
    void a_type_and_headers_set_on_the_response_are_kept(TestClients clients) {
        try (ClientResponse res = await(serve(clients).get("/typed"))) {
            assertThat(res.contentType()).isEqualTo("text/x-custom");
            assertThat(res.header("X-Extra")).isEqualTo("1");
            await(res.bytes());
        }
    }

    @Test
    void a_path_that_is_no_file_is_404(TestClients clients) {
        TestClient client = serve(clients);
        for (String path : new String[] {"/missing", "/dir"}) {
            try (ClientResponse res = await(client.get(path))) {
                assertThat(res.status()).as(path).isEqualTo(404);
                await(res.bytes());
            }
        }
    }
}
