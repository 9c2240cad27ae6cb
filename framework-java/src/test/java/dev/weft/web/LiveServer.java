package dev.weft.web;

import dev.weft.loop.Loop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An application served over loopback for one test: a fresh one-thread {@link Loop} and an {@link AppRunner} on
 * {@code 127.0.0.1:0}, both closed by {@link #close()}. Requests go through one shared JDK {@link HttpClient}
 * (HTTP/1.1), or through a raw socket when the test needs a header the JDK client refuses to send ({@code Host}).
 *
 * <pre>{@code
 * try (LiveServer server = LiveServer.start(app)) {
 *     assertThat(server.get("/").body()).isEqualTo("hello");
 * }
 * }</pre>
 */
final class LiveServer implements AutoCloseable {
    /** How long a test waits for anything: a response, a stage, a latch. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final Loop loop;
    private final AppRunner runner;
    private final BoundSite site;

    private LiveServer(Loop loop, AppRunner runner, BoundSite site) {
        this.loop = loop;
        this.runner = runner;
        this.site = site;
    }

    /** Starts {@code app} with the default config, the access log off. */
    static LiveServer start(Application app) {
        return start(app, c -> { });
    }

    /** Starts {@code app} with the default config (access log off) changed by {@code config}. */
    static LiveServer start(Application app, Consumer<ServerConfig.Builder> config) {
        return start(app, "127.0.0.1", config);
    }

    /** Starts {@code app} on {@code host} (such as {@code ::1}) with the default config changed by {@code config}. */
    static LiveServer start(Application app, String host, Consumer<ServerConfig.Builder> config) {
        Loop loop = Loop.create(1);
        AppRunner runner = AppRunner.create(app, ServerConfig.create(c -> {
            c.accessLog(AccessLog.off()).shutdownGrace(Duration.ofSeconds(5));
            config.accept(c);
        }), loop);
        try {
            BoundSite site = await(runner.start(Site.tcp(host, 0)));
            return new LiveServer(loop, runner, site);
        } catch (RuntimeException | Error e) {
            try {
                runner.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            loop.close();
            throw e;
        }
    }

    /** The stage's value, waiting at most {@link #TIMEOUT}; its failure is rethrown as it is when unchecked. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }

    static HttpClient client() {
        return CLIENT;
    }

    Loop loop() {
        return loop;
    }

    AppRunner runner() {
        return runner;
    }

    int port() {
        return site.port();
    }

    /** The absolute URL of {@code pathAndQuery}, which is used as it is (already encoded). */
    URI uri(String pathAndQuery) {
        return URI.create(site.url() + pathAndQuery);
    }

    /** A request builder for {@code pathAndQuery}. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    HttpResponse<String> send(String method, String pathAndQuery) {
        return send(request(pathAndQuery).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body) {
        return send(request(pathAndQuery).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code head} (request line and headers, lines separated by CRLF, without the blank line) and then
     * {@code body} over a new socket, with {@code Connection: close} added, and reads the response to the end.
     */
    RawResponse raw(String head, byte[] body) {
        try (Socket s = new Socket()) {
            s.connect(site.address(), (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.write(body);
            out.write(request.toByteArray()); // one write: the server reads it all before it answers and closes
            out.flush();
            return RawResponse.parse(s.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@link #raw(String, byte[])} without a body. */
    RawResponse raw(String head) {
        return raw(head, new byte[0]);
    }

    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            loop.close();
        }
    }

    /** A response read from a raw socket. */
    record RawResponse(int status, List<String[]> headers, String body) {
        /** The first value of header {@code name}, ignoring case, or null. */
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        static RawResponse parse(byte[] bytes) {
            String all = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("not an HTTP response: " + all);
            }
            String[] lines = all.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim()});
            }
            byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }
}
