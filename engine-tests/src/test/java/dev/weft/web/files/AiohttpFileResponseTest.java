package dev.weft.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Response;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Response#file} beside aiohttp's {@code FileResponse} (Debian's python3-aiohttp, under /usr/bin/python3),
 * serving the same file: for each request of a table of conditional and range requests, the same status, and the same
 * {@code Content-Length}, {@code Content-Range}, {@code ETag}, {@code Last-Modified}, {@code Content-Encoding} and
 * body. Skipped, saying why, where aiohttp is not installed.
 *
 * <p>Left out on purpose, where Weft follows RFC 9110 and aiohttp 3.8 does not: a malformed or multi-range
 * {@code Range} (aiohttp answers 416; the RFC says to ignore it, and Weft sends the whole file), a {@code Range} on
 * a {@code HEAD} (aiohttp answers 206; the RFC defines ranges for GET only, and Weft answers 200), an entity tag in
 * {@code If-Range} and a weak one in {@code If-None-Match} (aiohttp compares dates, and tags strongly), and a
 * {@code .br} sibling (aiohttp 3.8 knows only {@code .gz}).
 */
@WeftTest(transport = TestTransport.TCP)
class AiohttpFileResponseTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String LAST_MODIFIED = "Fri, 02 Jan 2026 03:04:05 GMT";
    private static final String EARLIER = "Thu, 01 Jan 2026 00:00:00 GMT";
    private static final List<String> COMPARED = List.of("content-length", "content-range", "etag", "last-modified",
            "content-encoding", "accept-ranges");
    private static Path dir;
    private static Path file;
    private static Process peer;
    private static int peerPort;

    @BeforeAll
    static void startAiohttp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is not installed "
                + "(apt-get install python3-aiohttp)");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import aiohttp").redirectErrorStream(true).start();
        Assumptions.assumeTrue(check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0,
                "skipped: aiohttp is not importable by /usr/bin/python3 (apt-get install python3-aiohttp)");
        dir = Files.createTempDirectory("weft-files");
        file = dir.resolve("data.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 1000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(file, text.substring(0, 1000));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(file));
        }
        Path sibling = Files.write(dir.resolve("data.txt.gz"), gz.toByteArray());
        // A whole second: aiohttp compares dates with the fractional modification time.
        FileTime mtime = FileTime.from(Instant.parse("2026-01-02T03:04:05Z"));
        Files.setLastModifiedTime(file, mtime);
        Files.setLastModifiedTime(sibling, mtime);
        Path script = Files.createTempFile("aiohttp_files", ".py");
        try (InputStream in = AiohttpFileResponseTest.class.getResourceAsStream("aiohttp_files.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        peer = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null) {
            throw new IllegalStateException("the aiohttp peer exited before printing its port");
        }
        peerPort = Integer.parseInt(line.trim());
    }

    @AfterAll
    static void stopAiohttp() throws Exception {
        if (peer != null) {
            peer.getOutputStream().close();
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** One request of the table: its name, method and extra header lines. */
    private record Case(String name, String method, String... headers) {
    }

    @Test
    void answers_as_aiohttp_does(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/file", r -> Response.file(file));
        TestClient weft = clients.create(app);
        String etag = fetch(peerPort, new Case("plain", "GET")).headers().get("etag");
        List<Case> table = List.of(
                new Case("plain", "GET"),
                new Case("head", "HEAD"),
                new Case("range 0-99", "GET", "Range: bytes=0-99"),
                new Case("range 900-", "GET", "Range: bytes=900-"),
                new Case("range -10", "GET", "Range: bytes=-10"),
                new Case("range past the end", "GET", "Range: bytes=990-5000"),
                new Case("range after the end", "GET", "Range: bytes=1000-"),
                new Case("if-none-match the tag", "GET", "If-None-Match: " + etag),
                new Case("if-none-match another", "GET", "If-None-Match: \"nope\""),
                new Case("if-none-match star", "GET", "If-None-Match: *"),
                new Case("if-modified-since last-modified", "GET", "If-Modified-Since: " + LAST_MODIFIED),
                new Case("if-modified-since earlier", "GET", "If-Modified-Since: " + EARLIER),
                new Case("if-match another", "GET", "If-Match: \"nope\""),
                new Case("if-match the tag", "GET", "If-Match: " + etag),
                new Case("if-unmodified-since earlier", "GET", "If-Unmodified-Since: " + EARLIER),
                new Case("if-unmodified-since last-modified", "GET", "If-Unmodified-Since: " + LAST_MODIFIED),
                new Case("if-range last-modified", "GET", "Range: bytes=0-9", "If-Range: " + LAST_MODIFIED),
                new Case("if-range earlier", "GET", "Range: bytes=0-9", "If-Range: " + EARLIER),
                new Case("gzip accepted", "GET", "Accept-Encoding: gzip, deflate"),
                new Case("gzip and a range", "GET", "Accept-Encoding: gzip", "Range: bytes=0-9"));
        List<String> differences = new ArrayList<>();
        for (Case c : table) {
            Answer theirs = fetch(peerPort, c);
            Answer ours = fetch(weft.server().port(), c);
            if (theirs.status() != ours.status()) {
                differences.add(c.name() + ": status " + ours.status() + ", aiohttp " + theirs.status());
                continue;
            }
            for (String h : COMPARED) {
                if (skipped(h, theirs.status()) || java.util.Objects.equals(theirs.headers().get(h),
                        ours.headers().get(h))) {
                    continue;
                }
                differences.add(c.name() + ": " + h + " '" + ours.headers().get(h) + "', aiohttp '"
                        + theirs.headers().get(h) + "'");
            }
            if (!java.util.Arrays.equals(theirs.body(), ours.body())) {
                differences.add(c.name() + ": a body of " + ours.body().length + " bytes, aiohttp "
                        + theirs.body().length);
            }
        }
        assertThat(differences).isEmpty();
    }

    /** Where aiohttp's answer says nothing the RFC asks of it: the length of a body that cannot be (304, 412, 416). */
    private static boolean skipped(String header, int status) {
        return header.equals("content-length") && (status == 304 || status == 412 || status == 416)
                || header.equals("accept-ranges") && status != 200 && status != 206;
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** The content of a chunked body (without extensions or trailers, which neither server sends). */
    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int eol = s.indexOf("\r\n", at);
            int size = Integer.parseInt(s.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }

    /** {@code c} on a raw socket to {@code port}, the answer read to the close. */
    private static Answer fetch(int port, Case c) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(c.method()).append(" /file HTTP/1.1\r\nHost: x\r\n");
            for (String h : c.headers()) {
                req.append(h).append("\r\n");
            }
            s.getOutputStream().write(req.append("Connection: close\r\n\r\n").toString()
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers,
                    "chunked".equals(headers.get("transfer-encoding")) ? dechunk(body) : body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
