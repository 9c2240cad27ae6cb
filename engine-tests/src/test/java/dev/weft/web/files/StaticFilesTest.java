package dev.weft.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.StaticOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code RouteTable.staticFiles}: files under a root, and every spelling of a path out of it refused. The targets
 * are written on a raw socket, byte for byte, since a client would normalise some of them away.
 */
@WeftTest(transport = TestTransport.TCP)
class StaticFilesTest {
    @TempDir
    Path base;
    private Path root;
    private TestClient client;

    @BeforeEach
    void tree(TestClients clients) throws IOException {
        root = Files.createDirectories(base.resolve("public"));
        Files.writeString(root.resolve("app.css"), "body{}");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/page.html"), "<p>sub</p>");
        Files.writeString(root.resolve("sub/<b>&\"quote\".txt"), "odd name");
        Files.writeString(base.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(root.resolve("out"), base.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), base);
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("app.css"));
        Application app = Application.create();
        app.routes().staticFiles("/static", root)
                .staticFiles("/listed", root, StaticOptions.create(o -> o.showIndex(true)))
                .staticFiles("/linked", root, StaticOptions.create(o -> o.followSymlinks(true)));
        client = clients.create(app);
    }

    private String[] get(String target) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", client.server().port()), 10_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            return new String[] {all.substring(9, 12), all.substring(end + 4)};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void files_under_the_root_are_served() {
        assertThat(get("/static/app.css")).containsExactly("200", "body{}");
        assertThat(get("/static/sub/page.html")).containsExactly("200", "<p>sub</p>");
        assertThat(get("/static/sub/%3Cb%3E%26%22quote%22.txt")).containsExactly("200", "odd name");
        assertThat(get("/static/nope.css")[0]).isEqualTo("404");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/static/../secret.txt",
        "/static/sub/../../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2E%2E/secret.txt",
        "/static/.%2e/secret.txt",
        "/static/sub/..%2f..%2fsecret.txt",
        "/static/sub/..%2F..%2Fsecret.txt",
        "/static/%252e%252e/secret.txt",
        "/static/..%5csecret.txt",
        "/static/sub\\..\\..\\secret.txt",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/C:%5cWindows%5cwin.ini",
        "/static/app.css%00.txt",
        "/static/./app.css",
        "/static/out",
        "/static/outdir/secret.txt",
        "/static/inside",
    })
    void a_path_out_of_the_root_is_refused_in_every_spelling(String target) {
        String[] res = get(target);
        assertThat(res[0]).as(target).isIn("400", "404");
        assertThat(res[1]).as(target).doesNotContain("SECRET").doesNotContain("root:");
    }

    @Test
    void a_directory_is_403_unless_listed_and_the_listing_is_escaped() {
        assertThat(get("/static/sub/")[0]).isEqualTo("403");
        String[] listing = get("/listed/sub/");
        assertThat(listing[0]).isEqualTo("200");
        assertThat(listing[1]).contains("page.html").contains("&lt;b&gt;&amp;&quot;quote&quot;.txt")
                .doesNotContain("<b>");
    }

    @Test
    void links_are_followed_only_when_asked() {
        assertThat(get("/linked/inside")).containsExactly("200", "body{}");
        assertThat(get("/linked/out")).containsExactly("200", "SECRET");
        assertThat(get("/linked/../secret.txt")[0]).as("traversal stays refused").isIn("400", "404");
    }
}
